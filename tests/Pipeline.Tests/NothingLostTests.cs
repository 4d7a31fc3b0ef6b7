using System.Text.Json;
using Azure.Storage.Queues;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.LocalHost;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>A pipeline without sample records: each test stores the records its synthetic file needs.</summary>
public sealed class EmptyPipelineFixture : PipelineFixture
{
    protected override bool ImportSampleRecords => false;
}

/// <summary>
/// At-least-once delivery everywhere, exactly-once effects: re-dropped files, every stage message delivered several times,
/// and two hosts working the same queues produce one case per denied claim, one letter per need and one email per approval.
/// </summary>
public sealed class NothingLostTests(EmptyPipelineFixture pipeline) : IClassFixture<EmptyPipelineFixture>
{
    [Fact]
    public async Task EveryMessageDeliveredAgain_AndFileDroppedAgain_CreateNothingTwice()
    {
        var file = SyntheticRemittance.Build(30, deniedPerTen: 7, prefix: "RED", trace: "880000001");
        await file.StoreRecordsAsync(pipeline.Services.GetRequiredService<RecordStore>());
        var drop = await pipeline.DropAsync("redelivery.835", file.Text);
        var denied = file.Denied.Select(c => c.PatientControlNumber).ToHashSet();
        Assert.Equal(21, denied.Count);

        var queues = pipeline.Services.GetRequiredService<PipelineQueues>();
        var qs = pipeline.Services.GetRequiredService<QueueServiceClient>();
        await PipelineQueuesProbe.DrainedAsync(qs);
        var cases = await OurCasesAsync(denied);
        Assert.Equal(21, cases.Count);
        Assert.All(cases, c => Assert.Equal(nameof(CaseStatus.Drafted), c.Status));

        // Every message again, twice, while the first copies may still be in flight: re-drop, research, draft.
        Assert.True((await pipeline.DropAsync("redelivery.835", file.Text)).AlreadyThere);
        await pipeline.DropAsync("redelivery.835", file.Text);
        foreach (var c in cases)
            for (var i = 0; i < 2; i++)
            {
                await queues.SendResearchAsync(c.CaseId);
                await queues.SendDraftAsync(c.CaseId);
            }
        // Approve five letters (two of them twice), and deliver each approved letter three more times.
        var letters = pipeline.Services.GetRequiredService<LetterStore>();
        var approved = new List<string>();
        foreach (var c in cases.Take(5))
        {
            var letterId = Assert.Single(c.LetterIdList);
            Assert.True((await pipeline.Http.ApproveAsync(letterId)).IsSuccessStatusCode);
            approved.Add(letterId);
        }
        foreach (var id in approved.Take(2)) await pipeline.Http.ApproveAsync(id);
        foreach (var id in approved)
            for (var i = 0; i < 3; i++) await queues.SendDeliveryAsync(id, 1);

        Assert.Equal(0, await PipelineQueuesProbe.DrainedAsync(qs));
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            f => f.GetProperty("attempts").GetInt32() == 3 && f.GetProperty("status").GetString() == "Processed", "the three ingests");
        Assert.Equal(21, (await pipeline.GetJsonAsync($"/api/files/{drop.FileId}")).GetProperty("casesCreated").GetInt32()); // summed over the runs

        var after = await OurCasesAsync(denied);
        Assert.Equal(21, after.Count);
        Assert.Equal(denied, after.Select(c => c.PatientControlNumber).ToHashSet());
        var store = pipeline.Services.GetRequiredService<CaseStore>();
        foreach (var c in after)
        {
            var letterIds = Assert.Single(c.LetterIdList); // one letter per need (one appeal)
            var events = (await store.HistoryAsync(c.CaseId)).Select(h => h.Event).ToList();
            Assert.Equal(approved.Contains(letterIds)
                ? ["Opened", "Researched", "Drafted", "LetterApproved", "LetterSent"]
                : new[] { "Opened", "Researched", "Drafted" }, events);
        }
        var allLetters = (await letters.ListAsync()).Where(l => after.Any(c => c.CaseId == l.CaseId)).ToList();
        Assert.Equal(21, allLetters.Count);
        Assert.Equal(5, allLetters.Count(l => l.StatusValue == LetterStatus.Sent));

        var mailed = pipeline.Mail.Mails.Select(m => LetterIdOf(m.Body)).Where(approved.Contains).ToList();
        Assert.Equal(approved.Order(), mailed.Order()); // one email per approval, none twice
    }

    private async Task<List<CaseEntity>> OurCasesAsync(IReadOnlySet<string> pcns) =>
        (await pipeline.Services.GetRequiredService<CaseStore>().ListAsync()).Where(c => pcns.Contains(c.PatientControlNumber)).ToList();

    internal static string LetterIdOf(string sendGridBody)
    {
        using var doc = JsonDocument.Parse(sendGridBody);
        var root = doc.RootElement;
        if (root.TryGetProperty("custom_args", out var args) && args.TryGetProperty("letterId", out var id)) return id.GetString()!;
        return root.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("letterId").GetString()!;
    }
}

/// <summary>Two local hosts (as two scaled-out instances) on one Azurite, each with its own mail capture.</summary>
public sealed class TwoHostsTests
{
    [Fact]
    public async Task TwoHostsOnTheSameQueues_OneCasePerDenial_OneLetterPerNeed_OneEmailPerApproval()
    {
        await using var azurite = await AzuriteLauncher.StartPrivateAsync();
        await using var a = await PipelineHost.StartAsync(azurite.ConnectionString);
        await using var b = await PipelineHost.StartAsync(azurite.ConnectionString);

        var file = SyntheticRemittance.Build(120, deniedPerTen: 5, prefix: "TWO", trace: "880000002");
        await file.StoreRecordsAsync(a.Services.GetRequiredService<RecordStore>());
        var denied = file.Denied.Select(c => c.PatientControlNumber).ToHashSet();
        var bytes = System.Text.Encoding.UTF8.GetBytes(file.Text);
        // The same drop announced on both hosts, twice: both ingest the same file at the same time.
        await Task.WhenAll(
            a.Services.GetRequiredService<DropClient>().DropAsync("two-hosts.835", bytes, enqueue: true),
            b.Services.GetRequiredService<DropClient>().DropAsync("two-hosts.835", bytes, enqueue: true));
        await a.Services.GetRequiredService<DropClient>().DropAsync("two-hosts.835", bytes, enqueue: true);

        var qs = a.Services.GetRequiredService<QueueServiceClient>();
        Assert.Equal(0, await PipelineQueuesProbe.DrainedAsync(qs, seconds: 180));
        var cases = await a.Services.GetRequiredService<CaseStore>().ListAsync();
        Assert.Equal(denied.Count, cases.Count);
        Assert.Equal(denied, cases.Select(c => c.PatientControlNumber).ToHashSet());
        Assert.All(cases, c => Assert.Equal(CaseStatus.Drafted, c.StatusValue));
        var letters = await a.Services.GetRequiredService<LetterStore>().ListAsync();
        Assert.Equal(denied.Count, letters.Count);
        Assert.Equal(cases.Select(c => c.CaseId).Order(), letters.Select(l => l.CaseId).Order());

        // Every letter approved on both hosts at once: one email each, summed over both captures.
        await Task.WhenAll(letters.SelectMany(l => new[]
        {
            a.Http.ApproveAsync(l.LetterId),
            b.Http.ApproveAsync(l.LetterId),
        }));
        Assert.Equal(0, await PipelineQueuesProbe.DrainedAsync(qs, seconds: 180));
        var mailed = a.Mail.Mails.Concat(b.Mail.Mails).Select(m => NothingLostTests.LetterIdOf(m.Body)).ToList();
        Assert.Equal(letters.Select(l => l.LetterId).Order(), mailed.Order());
        // (Which host delivers is up to the queue: one may take every message, so that split is not asserted.)

        var store = a.Services.GetRequiredService<CaseStore>();
        foreach (var c in cases)
            Assert.Equal(["Opened", "Researched", "Drafted", "LetterApproved", "LetterSent"], (await store.HistoryAsync(c.CaseId)).Select(h => h.Event));
    }
}
