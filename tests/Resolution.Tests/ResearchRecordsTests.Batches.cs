using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using System.Text;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Pipeline;
using DenialPipeline.Research;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Messages that name several cases (<see cref="CaseBatch"/>): ingest asks for the research of a file's denials several
/// at a time, research asks for the drafting of those it researched to a letter in one message, and a case that fails
/// in such a message goes back on its own and the cases after it go back together.
/// </summary>
public sealed partial class ResearchRecordsTests
{
    [Fact]
    public async Task ResearchOfSeveralCases_OneFailing_SendsItBackAlone_AndTheRestTogether_AndAsksDraftingForThoseDone()
    {
        var (b1, b2, b3, b4) = await FourDenialsAsync("33320", "BA");
        var queued = await QueuedAsync(StorageNames.Queues.DenialResearch);
        Assert.Equal([b1, b2, b3, b4], Assert.Single(queued).Order(StringComparer.Ordinal)); // ingest: one message for the file's denials
        await ClearAsync();

        var failing = new FailingRequests(b2);
        var handler = ActivatorUtilities.CreateInstance<ResearchHandler>(f.Services, new CaseStore(failing.Tables(f.Azurite.ConnectionString), f.Time));
        await handler.HandleAsync(new ResearchRequested(b1) { More = [b2, b3, b4] }); // completes: b2's failure is not the message's
        Assert.True(failing.Failed > 0);

        Assert.Equal([CaseStatus.Researched, CaseStatus.New, CaseStatus.New, CaseStatus.New], await StatusesAsync(b1, b2, b3, b4));
        // The cases after b2 back together, then b2 alone (retried and poisoned alone); drafting asked for the one researched.
        Assert.Equal([[b3, b4], [b2]], await QueuedAsync(StorageNames.Queues.DenialResearch));
        Assert.Equal([[b1]], await QueuedAsync(StorageNames.Queues.DenialDrafting));

        // Their messages, once the partition answers, research them and ask for their drafting.
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(b2));
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(b3) { More = [b4] });
        Assert.Equal([CaseStatus.Researched, CaseStatus.Researched, CaseStatus.Researched, CaseStatus.Researched], await StatusesAsync(b1, b2, b3, b4));
        Assert.Equal([[b1], [b2], [b3, b4]], await QueuedAsync(StorageNames.Queues.DenialDrafting));
    }

    [Fact]
    public async Task ResearchOfOneCase_Failing_Throws_ToTheRuntime_WhichRetriesIt()
    {
        var (b1, _, _, _) = await FourDenialsAsync("33321", "BB");
        await ClearAsync();
        var handler = ActivatorUtilities.CreateInstance<ResearchHandler>(f.Services, new CaseStore(new FailingRequests(b1).Tables(f.Azurite.ConnectionString), f.Time));

        await Assert.ThrowsAsync<RequestFailedException>(() => handler.HandleAsync(new ResearchRequested(b1)));
        Assert.Empty(await QueuedAsync(StorageNames.Queues.DenialResearch)); // not sent back: the runtime has the message
        Assert.Equal([CaseStatus.New], await StatusesAsync(b1));
    }

    [Fact]
    public async Task IngestFailingOnOneCase_StillAsksResearchForTheCasesItOpened()
    {
        Now();
        await ClearAsync();
        // BE2's case can never be written: the file's ingest fails (and would be retried, then poisoned) after opening BE1 and BE3.
        var ingest = ActivatorUtilities.CreateInstance<IngestHandler>(f.Services,
            new CaseStore(new FailingRequests("BEFAIL2", inBody: true).Tables(f.Azurite.ConnectionString), f.Time));
        var text = Remit("33324", "20260312", [.. new[] { "BEOK1", "BEFAIL2", "BEOK3" }.Select((p, i) =>
            Clp(p, "4", 100m + i, 0m, "ICN-" + p, "MEM-" + p, Svc("99213", 100m + i, 0m, "20260302", $"CAS*CO*50*{100 + i}")))]);
        var drop = await f.Get<DropClient>().DropAsync("ingest-fails.835", Encoding.ASCII.GetBytes(text), enqueue: false);

        await Assert.ThrowsAsync<RequestFailedException>(() => ingest.IngestBlobAsync(drop.BlobName));

        var opened = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PayerId == "33324").ToList();
        Assert.Equal(["BEOK1", "BEOK3"], opened.Select(c => c.PatientControlNumber).Order(StringComparer.Ordinal));
        // Both asked for research although the file's retries would all fail (before, they waited for the file's last flush).
        Assert.Equal(opened.Select(c => c.CaseId).Order(StringComparer.Ordinal),
            (await QueuedAsync(StorageNames.Queues.DenialResearch)).SelectMany(m => m).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DraftingOfSeveralCases_OneFailing_SendsItBackAlone_AndTheRestTogether()
    {
        var (b1, b2, b3, b4) = await FourDenialsAsync("33322", "BC");
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(b1) { More = [b2, b3, b4] });
        Assert.Equal([[b1, b2, b3, b4]], await QueuedAsync(StorageNames.Queues.DenialDrafting));
        await ClearAsync();

        var handler = ActivatorUtilities.CreateInstance<DraftHandler>(f.Services, new CaseStore(new FailingRequests(b3).Tables(f.Azurite.ConnectionString), f.Time));
        await handler.HandleAsync(new DraftRequested(b1) { More = [b2, b3, b4] });

        Assert.Equal([CaseStatus.Drafted, CaseStatus.Drafted, CaseStatus.Researched, CaseStatus.Researched], await StatusesAsync(b1, b2, b3, b4));
        Assert.Equal([[b4], [b3]], await QueuedAsync(StorageNames.Queues.DenialDrafting));
        await f.Get<DraftHandler>().HandleAsync(new DraftRequested(b3));
        await f.Get<DraftHandler>().HandleAsync(new DraftRequested(b4));
        Assert.Equal([CaseStatus.Drafted, CaseStatus.Drafted, CaseStatus.Drafted, CaseStatus.Drafted], await StatusesAsync(b1, b2, b3, b4));
    }

    [Fact]
    public async Task PoisonedResearchOfSeveralCases_MarksFailedOnlyWhatResearchHadNotDone()
    {
        var (b1, b2, b3, _) = await FourDenialsAsync("33323", "BD");
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(b1) { More = [b2] });
        await f.Get<DraftHandler>().HandleAsync(new DraftRequested(b1)); // b1 drafted; b2 researched, its drafting never done
        var unmatched = await IngestDeniedAsync("bd-unmatched", Remit("33323", "20260312",
            Clp("BDX", "4", 90m, 0m, "ICN-BDX", "MEM-BDX", Svc("99213", 90m, 0m, "20260302", "CAS*CO*50*90"))));
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(unmatched)); // no submitted claim on file: Unmatched
        Assert.Equal([CaseStatus.Drafted, CaseStatus.Researched, CaseStatus.New, CaseStatus.Unmatched], await StatusesAsync(b1, b2, b3, unmatched));
        var body = MessageJson.Serialize(new ResearchRequested(b1) { More = [b2, b3, unmatched] });

        var recorder = f.Services.GetServices<IPoisonRecorder>().Single(r => r.Queue == StorageNames.Queues.DenialResearch);
        var marked = await recorder.RecordAsync(body, "Processing in stage 'denial-research' failed on every attempt.");

        // b2 waited for a drafting request the message never sent; b3 was never researched. b1 and the Unmatched case were done.
        Assert.Equal(string.Join(',', b2, b3), marked);
        Assert.Equal([CaseStatus.Drafted, CaseStatus.Failed, CaseStatus.Failed, CaseStatus.Unmatched], await StatusesAsync(b1, b2, b3, unmatched));
    }

    [Fact]
    public async Task PoisonedDraftingOfSeveralCases_MarksFailedOnlyTheCasesNotDrafted()
    {
        var (b1, b2, b3, _) = await FourDenialsAsync("33325", "BF");
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(b1) { More = [b2, b3] });
        await f.Get<DraftHandler>().HandleAsync(new DraftRequested(b1));
        await f.Get<CaseStore>().ChangeAsync(b3, c =>
        {
            c.Action = nameof(Codes.ResolutionAction.ManualReview); // a coder took it to manual work: no letter to wait for
            return new CaseChange("ManualWork", null, "user:test", "Worked by hand.");
        });
        var body = MessageJson.Serialize(new DraftRequested(b1) { More = [b2, b3] });

        var recorder = f.Services.GetServices<IPoisonRecorder>().Single(r => r.Queue == StorageNames.Queues.DenialDrafting);
        var marked = await recorder.RecordAsync(body, "Processing in stage 'denial-drafting' failed on every attempt.");

        Assert.Equal(b2, marked);
        Assert.Equal([CaseStatus.Drafted, CaseStatus.Failed, CaseStatus.Researched], await StatusesAsync(b1, b2, b3));
    }

    [Fact]
    public void MessageOfOneCase_KeepsTheShapeOfEarlierMessages_AndEitherShapeReads()
    {
        Assert.Equal("{\"caseId\":\"c1\"}", MessageJson.Serialize(new ResearchRequested("c1")));
        Assert.Equal("{\"caseId\":\"c1\",\"more\":[\"c2\",\"c3\"]}", MessageJson.Serialize(new DraftRequested("c1") { More = ["c2", "c3"] }));
        Assert.Equal(["c1"], MessageJson.TryDeserialize<ResearchRequested>("{\"caseId\":\"c1\"}")!.CaseIds);
        Assert.Equal(["c1", "c2"], MessageJson.TryDeserialize<DraftRequested>("{\"caseId\":\"c1\",\"more\":[\"c2\"]}")!.CaseIds);
    }

    /// <summary>Four matched CO-50 denials of <paramref name="payer"/> in one file (each researched to an appeal); their case ids in order.</summary>
    private async Task<(string, string, string, string)> FourDenialsAsync(string payer, string prefix)
    {
        Now();
        await ClearAsync();
        var pcns = Enumerable.Range(1, 4).Select(i => prefix + i).ToArray();
        await ImportAsync(prefix + ".837", File837(payer, [.. pcns.Select((p, i) => Claim837(p, "MEM-" + p, "99214", "20260302", 200m + i))]));
        await IngestAsync(prefix + "-denied", Remit(payer, "20260312",
            [.. pcns.Select((p, i) => Clp(p, "4", 200m + i, 0m, "ICN-" + p, "MEM-" + p, Svc("99214", 200m + i, 0m, "20260302", $"CAS*CO*50*{200 + i}")))]));
        var byPcn = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PayerId == payer).ToDictionary(c => c.PatientControlNumber, c => c.CaseId);
        var ids = pcns.Select(p => byPcn[p]).Order(StringComparer.Ordinal).ToArray();
        return (ids[0], ids[1], ids[2], ids[3]);
    }

    private QueueClient Queue(string name) => f.Get<QueueServiceClient>().GetQueueClient(name);

    /// <summary>The case ids of each visible message of <paramref name="queue"/>, oldest first.</summary>
    private async Task<List<string[]>> QueuedAsync(string queue) =>
        [.. (await Queue(queue).PeekMessagesAsync(32)).Value.Select(m => queue == StorageNames.Queues.DenialDrafting
            ? JsonSerializer.Deserialize<DraftRequested>(m.Body.ToString(), MessageJson.Options)!.CaseIds.ToArray()
            : JsonSerializer.Deserialize<ResearchRequested>(m.Body.ToString(), MessageJson.Options)!.CaseIds.ToArray())];

    /// <summary>Empties the research and drafting queues (the other tests of this class research directly and leave theirs).</summary>
    private async Task ClearAsync()
    {
        foreach (var q in new[] { StorageNames.Queues.DenialResearch, StorageNames.Queues.DenialDrafting })
        {
            await Queue(q).CreateIfNotExistsAsync();
            await Queue(q).ClearMessagesAsync();
        }
    }

    private async Task<CaseStatus[]> StatusesAsync(params string[] caseIds)
    {
        var statuses = new List<CaseStatus>();
        foreach (var id in caseIds) statuses.Add((await f.Get<CaseStore>().GetAsync(id))!.StatusValue);
        return [.. statuses];
    }
}
