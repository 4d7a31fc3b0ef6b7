using System.Net;
using System.Text.Json;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>POST /api/claims/check by role, the stored check per claim, and the claims-outbound drop through its queue.</summary>
public sealed class ClaimCheckApiTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    private static byte[] Sample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "outbound", "claims-outbound-2026-10.837"));

    [Fact]
    public async Task Check_CoderAndAdmin_May_ManagerAndPayer_MayNot()
    {
        foreach (var (user, expected) in new[] { ("coder", HttpStatusCode.OK), ("admin", HttpStatusCode.OK), ("manager", HttpStatusCode.Forbidden), ("payer-acme", HttpStatusCode.Forbidden) })
        {
            var r = await f.ClientAs(user).PostAsync("/api/claims/check?name=batch.837", new ByteArrayContent(Sample()));
            Assert.True(expected == r.StatusCode, $"{user}: {r.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.ClientAs(null).PostAsync("/api/claims/check?name=batch.837", new ByteArrayContent(Sample()))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.ClientAs("coder").GetAsync("/api/claims/check/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.ClientAs("manager").GetAsync("/api/claims/check/metrics")).StatusCode);
    }

    [Fact]
    public async Task Check_AnswersPerClaim_StoresIt_AndCsvAndBadInputAreClear()
    {
        var coder = f.ClientAs("coder");
        var r = await coder.PostAsync("/api/claims/check?name=batch.837", new ByteArrayContent(Sample()));
        var report = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(13, report.GetProperty("claims").GetInt32());
        var ptp = report.GetProperty("results").EnumerateArray().Single(x => x.GetProperty("claimId").GetString() == "PCN1005");
        Assert.Equal("fix-first", ptp.GetProperty("status").GetString());
        Assert.Contains(ptp.GetProperty("findings").EnumerateArray(), x => x.GetProperty("rule").GetString() == "ncci-ptp");

        var stored = await f.GetJsonAsync("/api/claims/check/claims/PCN1005");
        Assert.Equal(report.GetProperty("batchId").GetString(), stored[0].GetProperty("batchId").GetString());
        var csv = await (await coder.GetAsync($"/api/claims/check/batches/{report.GetProperty("batchId").GetString()}?format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("claim_id,status,risk", csv, StringComparison.Ordinal);
        Assert.Contains("PCN1005,fix-first", csv, StringComparison.Ordinal);

        var bad = await coder.PostAsync("/api/claims/check?name=notes.txt", new StringContent("hello, this is not a claim"));
        var badReport = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, badReport.GetProperty("claims").GetInt32());
        Assert.Contains("no 837 claim found", badReport.GetProperty("errors")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await coder.PostAsync("/api/claims/check", new ByteArrayContent(Sample()))).StatusCode);
    }

    [Fact]
    public async Task ClaimsOutboundDrop_IsCheckedByTheQueueTrigger()
    {
        var blobs = f.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>();
        var queues = f.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();
        var blob = blobs.GetBlobContainerClient(StorageNames.Containers.ClaimsOutbound).GetBlobClient("dropped-batch.837");
        await blob.UploadAsync(BinaryData.FromBytes(Sample()), overwrite: true);
        await queues.GetQueueClient(StorageNames.Queues.ClaimsOutbound).SendMessageAsync(MessageJson.Serialize(
            DenialPipeline.Pipeline.BlobCreatedEvent.For(StorageNames.Containers.ClaimsOutbound, "dropped-batch.837", blob.Uri, Sample().Length, DateTimeOffset.UtcNow)));
        var batchId = DenialPipeline.ClaimCheck.ClaimCheckHandler.BatchIdOf("dropped-batch.837", Sample());
        var batch = await PipelineFixture.EventuallyAsync(async () =>
        {
            var r = await f.ClientAs("coder").GetAsync($"/api/claims/check/batches/{batchId}");
            return r.IsSuccessStatusCode ? JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement : default;
        }, b => b.ValueKind == JsonValueKind.Object, "the dropped batch checked");
        Assert.Equal(13, batch.GetProperty("claims").GetInt32());
    }
}
