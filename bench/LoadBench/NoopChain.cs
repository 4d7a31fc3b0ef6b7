using System.Diagnostics;
using Azure.Storage.Queues;
using DenialPipeline.LocalHost;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Bench;

/// <summary>
/// The floor: a WebJobs host with host.json's queue settings whose triggers do no table or blob work. One message on
/// noop-files fans out one message per denied claim to noop-research (as Ingest does), each is forwarded to noop-drafting,
/// and the drafting trigger only counts. Its throughput is what Azurite and the WebJobs host allow on this machine.
/// Its fan-out waits for the research queue exactly as Ingest's does (same limit, same environment variable).
/// </summary>
public static class NoopChain
{
    public static async Task<TimeSpan> RunAsync(string connectionString, int messages, CancellationToken ct)
    {
        var queues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        foreach (var q in new[] { NoopTriggers.Files, NoopTriggers.Research, NoopTriggers.Drafting })
            await queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: ct);
        var state = new NoopState(messages, queues);
        using var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString }))
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .ConfigureWebJobs(b => b.AddAzureStorageQueues(q => HostJson.ApplyQueueSettings(q, HostJson.Locate())))
            .ConfigureServices(s =>
            {
                s.AddSingleton(state);
                s.AddSingleton<NoopTriggers>();
                s.Replace(ServiceDescriptor.Singleton<ITypeLocator>(new Locator()));
            })
            .Build();
        await host.StartAsync(ct);
        var sw = Stopwatch.StartNew();
        await queues.GetQueueClient(NoopTriggers.Files).SendMessageAsync("{}", ct);
        await state.Done.Task.WaitAsync(ct);
        sw.Stop();
        await host.StopAsync(CancellationToken.None);
        return sw.Elapsed;
    }

    private sealed class Locator : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [typeof(NoopTriggers)];
    }
}

public sealed class NoopState(int messages, QueueServiceClient queues)
{
    public int Messages { get; } = messages;
    /// <summary>
    /// The floor's backpressure, in messages: 256, the pipeline's default when it sent a message per denied claim, kept so
    /// that the floor is the same yardstick before and after the pipeline batched its claims (CaseBatch; its own default
    /// is now counted in claims). <c>Ingest__MaxResearchBacklog</c> sets both (0: both off).
    /// </summary>
    public int MaxResearchBacklog { get; } = int.TryParse(Environment.GetEnvironmentVariable("Ingest__MaxResearchBacklog"), out var max) ? max : 256;
    public int BacklogCheckEvery { get; } = new DenialPipeline.Ingest.IngestOptions().BacklogCheckEvery;
    public QueueServiceClient Queues { get; } = queues;
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Drafted;
}

public sealed class NoopTriggers(NoopState state)
{
    public const string Files = "noop-files", Research = "noop-research", Drafting = "noop-drafting";

    [FunctionName("NoopIngest")]
    public async Task IngestAsync([QueueTrigger(Files)] string message, CancellationToken ct)
    {
        var q = state.Queues.GetQueueClient(Research);
        using var gate = new SemaphoreSlim(16); // Ingest's fan-out concurrency
        var pending = new List<Task>();
        for (var i = 0; i < state.Messages; i++)
        {
            // The same backpressure as Ingest (IngestOptions: look every 64 denials, wait while the research queue holds
            // more than MaxResearchBacklog, 100 ms doubling to 1 s): the emulator's cost per message grows with the queue,
            // so a floor without it would be slowed by exactly what the pipeline avoids.
            if (i > 0 && i % state.BacklogCheckEvery == 0 && state.MaxResearchBacklog > 0)
            {
                var delay = TimeSpan.FromMilliseconds(100);
                while ((await q.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount > state.MaxResearchBacklog)
                {
                    await Task.Delay(delay, ct);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
                }
            }
            await gate.WaitAsync(ct);
            var body = $"{{\"caseId\":\"c{i}\"}}";
            pending.Add(Send(body));
            pending.RemoveAll(t => t.IsCompletedSuccessfully);
        }
        await Task.WhenAll(pending);

        async Task Send(string body)
        {
            try { await q.SendMessageAsync(body, ct); } finally { gate.Release(); }
        }
    }

    [FunctionName("NoopResearch")]
    public Task ResearchAsync([QueueTrigger(Research)] string message, CancellationToken ct) =>
        state.Queues.GetQueueClient(Drafting).SendMessageAsync(message, ct);

    [FunctionName("NoopDraft")]
    public Task DraftAsync([QueueTrigger(Drafting)] string message)
    {
        if (Interlocked.Increment(ref state.Drafted) == state.Messages) state.Done.TrySetResult();
        return Task.CompletedTask;
    }
}
