using System.Collections.Concurrent;
using Azure.Storage.Queues;
using DenialPipeline.Ingest;
using DenialPipeline.LocalHost;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// Ingest's backpressure: while the research queue holds more than <c>Ingest:MaxResearchBacklog</c> requests, ingest
/// stops opening cases; it resumes as research drains, and a stalled research stage holds a file no longer than
/// <c>Ingest:MaxBacklogWaitSeconds</c>. The host is built but not started, so nothing consumes the research queue except
/// what a test does itself.
/// </summary>
public sealed class IngestBackpressureTests
{
    private const int Limit = 10, CheckEvery = 5, Denials = 60;

    /// <summary>The most the queue can hold while ingest waits: the limit, the denials opened between two checks, and the 16 in flight.</summary>
    private const int Ceiling = Limit + CheckEvery + 16;

    [Fact]
    public async Task ResearchStalled_IngestWaits_ThenAfterItsBudget_OpensTheRest_AndSaysSo()
    {
        await using var azurite = await AzuriteLauncher.StartPrivateAsync();
        var logs = new ConcurrentQueue<string>();
        using var host = Build(azurite, budgetSeconds: 10, logs);
        await LocalPipeline.EnsureStorageAsync(host);
        var research = ResearchQueue(host);

        var ingest = IngestAsync(host, "stalled", out var fileId);
        // Ingest fills the queue past the limit, then holds: the count stays put and the file is not done.
        await PipelineFixture.EventuallyAsync(async () => (await research.GetPropertiesAsync()).Value.ApproximateMessagesCount,
            n => n > Limit, "the research queue past its limit", seconds: 60);
        await Task.Delay(1500);
        Assert.False(ingest.IsCompleted, "ingest did not wait for research although the backlog was over its limit");
        var held = (await research.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Assert.InRange(held, Limit + 1, Ceiling);

        var file = await ingest.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(nameof(FileStatus.Processed), file.Status);
        Assert.Equal(Denials, file.DeniedClaims);
        Assert.Equal(Denials, (await research.GetPropertiesAsync()).Value.ApproximateMessagesCount); // nothing lost
        Assert.Contains(logs, l => l.Contains(fileId) && l.Contains("waited 10 s in total"));
    }

    [Fact]
    public async Task HostStopping_IngestStopsWaiting_AndOpensTheRest_SoTheShutdownIsNotHeld()
    {
        await using var azurite = await AzuriteLauncher.StartPrivateAsync();
        var logs = new ConcurrentQueue<string>();
        using var host = Build(azurite, budgetSeconds: 600, logs);
        await LocalPipeline.EnsureStorageAsync(host);
        var research = ResearchQueue(host);

        var ingest = IngestAsync(host, "stopping", out var fileId);
        await PipelineFixture.EventuallyAsync(async () => (await research.GetPropertiesAsync()).Value.ApproximateMessagesCount,
            n => n > Limit, "the research queue past its limit", seconds: 60);
        await Task.Delay(1000);
        Assert.False(ingest.IsCompleted);

        // The host begins to stop (ApplicationStopping): the WebJobs host then drains in-flight functions before it stops
        // its listeners, and research no longer runs — waiting out a 600-s budget would hold the shutdown.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var file = await ingest.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Denials, file.DeniedClaims);
        Assert.Equal(Denials, (await research.GetPropertiesAsync()).Value.ApproximateMessagesCount); // every case asked for research
        Assert.DoesNotContain(logs, l => l.Contains(fileId) && l.Contains("in total"));
    }

    [Fact]
    public async Task ResearchDraining_IngestKeepsTheQueueShort_AndFinishesWithoutSpendingItsBudget()
    {
        await using var azurite = await AzuriteLauncher.StartPrivateAsync();
        var logs = new ConcurrentQueue<string>();
        using var host = Build(azurite, budgetSeconds: 600, logs);
        await LocalPipeline.EnsureStorageAsync(host);
        var research = ResearchQueue(host);

        var ingest = IngestAsync(host, "draining", out var fileId);
        var consumed = new HashSet<string>();
        var highest = 0;
        while (!ingest.IsCompleted || consumed.Count < Denials)
        {
            highest = Math.Max(highest, (await research.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            foreach (var m in (await research.ReceiveMessagesAsync(4)).Value) // research, slower than ingest
            {
                consumed.Add(m.MessageId);
                await research.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
            await Task.Delay(50);
            Assert.True(consumed.Count <= Denials);
            if (ingest.IsFaulted) await ingest;
        }
        var file = await ingest;
        Assert.Equal(Denials, file.DeniedClaims);
        Assert.Equal(Denials, consumed.Count);
        Assert.InRange(highest, 1, Ceiling);
        Assert.DoesNotContain(logs, l => l.Contains(fileId) && l.Contains("in total"));
    }

    private static IHost Build(AzuriteLauncher azurite, int budgetSeconds, ConcurrentQueue<string> logs) =>
        LocalPipeline.Build(new LocalPipelineOptions(azurite.ConnectionString, $"http://127.0.0.1:{PipelineFixture.FreePort()}",
            Settings: new Dictionary<string, string?>
            {
                ["Ingest:MaxResearchBacklog"] = Limit.ToString(),
                ["Ingest:BacklogCheckEvery"] = CheckEvery.ToString(),
                ["Ingest:MaxBacklogWaitSeconds"] = budgetSeconds.ToString(),
            },
            ConfigureLogging: l => l.AddProvider(new CapturingLoggerProvider(logs))), new MailCapture(folder: null));

    private static QueueClient ResearchQueue(IHost host) =>
        host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.Queues.DenialResearch);

    private static Task<RemittanceFileEntity> IngestAsync(IHost host, string name, out string fileId)
    {
        var file = SyntheticRemittance.Build(Denials, deniedPerTen: 10, prefix: "BP" + name[..2].ToUpperInvariant(), trace: "88000009" + name.Length);
        var blobName = name + ".835";
        fileId = IngestHandler.FileIdFor(blobName);
        return Run();

        async Task<RemittanceFileEntity> Run()
        {
            var drop = await host.Services.GetRequiredService<DropClient>().DropAsync(blobName, System.Text.Encoding.UTF8.GetBytes(file.Text), enqueue: false);
            return await host.Services.GetRequiredService<IngestHandler>().IngestBlobAsync(drop.BlobName);
        }
    }
}
