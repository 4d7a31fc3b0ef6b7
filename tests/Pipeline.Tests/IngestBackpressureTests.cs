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
/// Ingest's backpressure: while the research queue holds more than <c>Ingest:MaxResearchBacklog</c> denied claims
/// (its messages counted as <c>Ingest:ClaimsPerResearchMessage</c> claims each), ingest stops opening cases; it resumes as
/// research drains, and a stalled research stage holds a file no longer than <c>Ingest:MaxBacklogWaitSeconds</c>. The
/// host is built but not started, so nothing consumes the research queue except what a test does itself. The queue is
/// read in claims: the case ids its messages name.
/// </summary>
public sealed class IngestBackpressureTests
{
    private const int Limit = 10, CheckEvery = 5, Denials = 60, PerMessage = 4;

    /// <summary>
    /// The most claims the queue can hold while ingest waits: the limit rounded up to whole messages, the denials opened
    /// between two checks, and the 16 in flight.
    /// </summary>
    private const int Ceiling = Limit + PerMessage + CheckEvery + 16;

    [Fact]
    public async Task ResearchStalled_IngestWaits_ThenAfterItsBudget_OpensTheRest_AndSaysSo()
    {
        await using var run = await IngestRun.StartAsync("stalled", budgetSeconds: 10);
        // Ingest fills the queue past the limit, then holds: the count stays put and the file is not done.
        await run.PastTheLimitAsync();
        await Task.Delay(1500);
        Assert.False(run.Ingest.IsCompleted, "ingest did not wait for research although the backlog was over its limit");
        Assert.InRange(await run.QueuedAsync(), Limit + 1, Ceiling);

        var file = await run.Ingest.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(nameof(FileStatus.Processed), file.Status);
        Assert.Equal(Denials, file.DeniedClaims);
        Assert.Equal(Denials, await run.QueuedAsync()); // nothing lost
        Assert.Contains(run.Logs, l => l.Contains(run.FileId) && l.Contains("waited 10 s in total"));
    }

    [Fact]
    public async Task HostStopping_IngestStopsWaiting_AndOpensTheRest_SoTheShutdownIsNotHeld()
    {
        await using var run = await IngestRun.StartAsync("stopping", budgetSeconds: 600);
        await run.PastTheLimitAsync();
        await Task.Delay(1000);
        Assert.False(run.Ingest.IsCompleted);

        // The host begins to stop (ApplicationStopping): the WebJobs host then drains in-flight functions before it stops
        // its listeners, and research no longer runs — waiting out a 600-s budget would hold the shutdown.
        run.Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var file = await run.Ingest.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Denials, file.DeniedClaims);
        Assert.Equal(Denials, await run.QueuedAsync()); // every case asked for research
        Assert.DoesNotContain(run.Logs, l => l.Contains(run.FileId) && l.Contains("in total"));
    }

    [Fact]
    public async Task ResearchDraining_IngestKeepsTheQueueShort_AndFinishesWithoutSpendingItsBudget()
    {
        await using var run = await IngestRun.StartAsync("draining", budgetSeconds: 600);
        var consumed = new HashSet<string>();
        var highest = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3); // a lost case fails the test instead of hanging it
        while (!run.Ingest.IsCompleted || consumed.Count < Denials)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {consumed.Count} of {Denials} cases asked for research after 3 minutes");
            highest = Math.Max(highest, await run.QueuedAsync());
            foreach (var m in (await run.Research.ReceiveMessagesAsync(1)).Value) // research, slower than ingest
            {
                foreach (var caseId in IngestRun.ClaimsOf(m.Body.ToString())) Assert.True(consumed.Add(caseId), $"case {caseId} asked for twice");
                Assert.InRange(IngestRun.ClaimsOf(m.Body.ToString()).Count, 1, PerMessage);
                await run.Research.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
            await Task.Delay(50);
            Assert.True(consumed.Count <= Denials);
            if (run.Ingest.IsFaulted) await run.Ingest;
        }
        var file = await run.Ingest;
        Assert.Equal(Denials, file.DeniedClaims);
        Assert.Equal(Denials, consumed.Count);
        Assert.InRange(highest, 1, Ceiling);
        Assert.DoesNotContain(run.Logs, l => l.Contains(run.FileId) && l.Contains("in total"));
    }

    /// <summary>A private emulator, a host built (not started) with the test's backpressure settings, and one 60-denial file being ingested.</summary>
    private sealed class IngestRun : IAsyncDisposable
    {
        private AzuriteLauncher _azurite = null!;
        public IHost Host { get; private set; } = null!;
        public ConcurrentQueue<string> Logs { get; } = new();
        public QueueClient Research { get; private set; } = null!;
        public Task<RemittanceFileEntity> Ingest { get; private set; } = null!;
        public string FileId { get; private set; } = "";

        public static async Task<IngestRun> StartAsync(string name, int budgetSeconds)
        {
            var run = new IngestRun { _azurite = await AzuriteLauncher.StartPrivateAsync() };
            run.Host = LocalPipeline.Build(new LocalPipelineOptions(run._azurite.ConnectionString, $"http://127.0.0.1:{PipelineFixture.FreePort()}",
                Settings: new Dictionary<string, string?>
                {
                    ["Ingest:MaxResearchBacklog"] = Limit.ToString(),
                    ["Ingest:BacklogCheckEvery"] = CheckEvery.ToString(),
                    ["Ingest:ClaimsPerResearchMessage"] = PerMessage.ToString(),
                    ["Ingest:MaxBacklogWaitSeconds"] = budgetSeconds.ToString(),
                },
                ConfigureLogging: l => l.AddProvider(new CapturingLoggerProvider(run.Logs))), new MailCapture(folder: null));
            await LocalPipeline.EnsureStorageAsync(run.Host);
            run.Research = run.Host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.Queues.DenialResearch);

            var file = SyntheticRemittance.Build(Denials, deniedPerTen: 10, prefix: "BP" + name[..2].ToUpperInvariant(), trace: "88000009" + name.Length);
            var blobName = name + ".835";
            run.FileId = IngestHandler.FileIdFor(blobName);
            run.Ingest = IngestAsync();
            return run;

            async Task<RemittanceFileEntity> IngestAsync()
            {
                var drop = await run.Host.Services.GetRequiredService<DropClient>().DropAsync(blobName, System.Text.Encoding.UTF8.GetBytes(file.Text), enqueue: false);
                return await run.Host.Services.GetRequiredService<IngestHandler>().IngestBlobAsync(drop.BlobName);
            }
        }

        /// <summary>The claims the visible research messages name (a message names up to <see cref="PerMessage"/>).</summary>
        public async Task<int> QueuedAsync() =>
            (await Research.PeekMessagesAsync(32)).Value.Sum(m => ClaimsOf(m.Body.ToString()).Count);

        public static IReadOnlyList<string> ClaimsOf(string body) =>
            Storage.MessageJson.TryDeserialize<ResearchRequested>(body)?.CaseIds ?? throw new InvalidOperationException("not a research message: " + body);

        public Task PastTheLimitAsync() =>
            PipelineFixture.EventuallyAsync(QueuedAsync, n => n > Limit, "the research queue past its limit", seconds: 60);

        public async ValueTask DisposeAsync()
        {
            Host.Dispose();
            await _azurite.DisposeAsync();
        }
    }
}
