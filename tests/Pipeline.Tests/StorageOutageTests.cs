using Azure.Storage.Queues;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.LocalHost;
using DenialPipeline.Research.Records;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// The storage emulator stops in the middle of a large file and starts again (same ports, same data folder): the SDKs
/// throw while it is down, the handlers' work is retried, and every denied claim still ends with one case and one letter.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task AzuriteStoppedMidFile_ThenStarted_EveryDenialEndsWithOneCaseAndOneLetter()
    {
        var data = Path.Combine(Path.GetTempPath(), "azurite-outage-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = AzuriteLauncher.FreePortsFor(3);
        await using var azurite = await AzuriteLauncher.EnsureAsync(ports[0], ports[1], ports[2], data);
        try
        {
            Assert.True(azurite.StartedHere);
            await using var host = await PipelineHost.StartAsync(azurite.ConnectionString);
            var file = SyntheticRemittance.Build(400, deniedPerTen: 10, prefix: "OUT", trace: "880000003");
            await file.StoreRecordsAsync(host.Services.GetRequiredService<RecordStore>());
            var drop = await host.Services.GetRequiredService<DenialPipeline.Ingest.DropClient>()
                .DropAsync("outage.835", System.Text.Encoding.UTF8.GetBytes(file.Text), enqueue: true);

            // Wait until the pipeline is well into the file (some cases open, not all drafted), then take storage away.
            var store = host.Services.GetRequiredService<CaseStore>();
            await PipelineFixture.EventuallyAsync(async () => (await store.ListAsync()).Count, n => n >= 40, "the first cases", seconds: 120);
            var drafted = (await store.ListAsync(CaseStatus.Drafted)).Count;
            Assert.True(drafted < 400, "the outage must come while work is still in flight");
            await azurite.RestartAsync(downtime: TimeSpan.FromSeconds(3));

            var qs = host.Services.GetRequiredService<QueueServiceClient>();
            await PipelineFixture.EventuallyAsync(async () => (await store.ListAsync(CaseStatus.Drafted)).Count, n => n == 400,
                "all 400 denials drafted after the outage", seconds: 300);
            await PipelineQueuesProbe.DrainedAsync(qs, seconds: 120);

            var cases = await store.ListAsync();
            Assert.Equal(400, cases.Count);
            Assert.Equal(file.Denied.Select(c => c.PatientControlNumber).ToHashSet(), cases.Select(c => c.PatientControlNumber).ToHashSet());
            var letters = await host.Services.GetRequiredService<LetterStore>().ListAsync();
            Assert.Equal(400, letters.Count);
            Assert.Equal(cases.Select(c => c.CaseId).Order(), letters.Select(l => l.CaseId).Order());
            foreach (var c in cases)
                Assert.Equal(["Opened", "Researched", "Drafted"], (await store.HistoryAsync(c.CaseId)).Select(h => h.Event));
            var f = await host.GetJsonAsync($"/api/files/{drop.FileId}");
            Assert.Equal("Processed", f.GetProperty("status").GetString());
        }
        finally
        {
            await azurite.DisposeAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
