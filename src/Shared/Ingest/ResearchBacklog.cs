using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

/// <summary>
/// Ingest's backpressure for one file (see <see cref="IngestOptions.MaxResearchBacklog"/>). Operational waiting, so real
/// time: a test's fake business clock does not move it. When the host is stopping, ingest stops waiting and opens the
/// rest of its cases: the host drains in-flight work before it stops its queue listeners, and the research stage that
/// would drain the backlog has already stopped, so waiting would hold the shutdown until the budget ran out.
/// </summary>
internal sealed partial class ResearchBacklog(PipelineQueues queues, IngestOptions options, ILogger logger, string fileId, CancellationToken stopping)
{
    private TimeSpan _waited;

    public async Task WaitForResearchAsync(CancellationToken ct)
    {
        var budget = TimeSpan.FromSeconds(options.MaxBacklogWaitSeconds);
        if (options.MaxResearchBacklog == 0 || _waited >= budget || stopping.IsCancellationRequested) return;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
            while (_waited + System.Diagnostics.Stopwatch.GetElapsedTime(start) < budget
                   && (long)await queues.ApproximateCountAsync(StorageNames.Queues.DenialResearch, ct) * options.ClaimsPerResearchMessage > options.MaxResearchBacklog)
            {
                await Task.Delay(delay, wait.Token);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // the host is stopping: go on without waiting
        }
        finally
        {
            _waited += System.Diagnostics.Stopwatch.GetElapsedTime(start);
            if (_waited >= budget) LogBacklogBudgetSpent(logger, fileId, (int)budget.TotalSeconds); // once: later calls return above
        }
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Ingest: file {FileId} waited {Seconds} s in total for the research backlog to drain; it opens its remaining cases without waiting")]
    private static partial void LogBacklogBudgetSpent(ILogger logger, string fileId, int seconds);
}
