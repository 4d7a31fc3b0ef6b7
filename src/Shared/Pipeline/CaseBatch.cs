using Microsoft.Extensions.Logging;

namespace DenialPipeline.Pipeline;

/// <summary>
/// A research or drafting message that names several cases. Each case is handled on its own, in order, with the
/// guarantees of a message of one case. When one fails, the message stops there and completes: the failed case goes back
/// on the queue as a message of its own (<see cref="SendBackAsync"/>), which is retried and finally poisoned alone, so the
/// poison queue and a Failed case always name one case; the cases after it go back together in a new message. A message
/// therefore never waits out more than one failure (the storage clients retry a request for ≈ 65 s), and a message of
/// one case fails as it always did: the exception reaches the runtime, which retries it.
/// </summary>
/// <remarks>
/// Why several: each queue message costs a send, a share of a receive and a delete, and a function execution in Azure.
/// One per denied claim per stage made the queues half of the pipeline's storage requests (docs/benchmarks.md); sixteen
/// claims a message cut them by a factor of ten with the same work per claim. The concurrency stays the host's: a message
/// is worked sequentially, and the host runs up to batchSize + newBatchThreshold messages at once (host.json).
/// </remarks>
public static partial class CaseBatch
{
    /// <summary>The denied claims a research message names by default (<c>Ingest__ClaimsPerResearchMessage</c>).</summary>
    public const int DefaultSize = 16;

    /// <summary>The most cases one message names (a case id is ≈ 25 characters; a queue message holds 64 KB, Base64).</summary>
    public const int MaxSize = 64;

    /// <summary>Every case of a message, <paramref name="first"/> first.</summary>
    public static IReadOnlyList<string> Ids(string first, IReadOnlyList<string>? more) =>
        more is null || more.Count == 0 ? [first] : [first, .. more];

    /// <summary>
    /// Runs <paramref name="handle"/> for each case, in order. One case: as a message of one case always ran (a failure
    /// throws). Several: a failure stops the run and is returned with the cases not run yet. Cancellation (the host
    /// stopping) always throws: the message is delivered again and every case is idempotent.
    /// </summary>
    public static async Task<CaseBatchOutcome> RunEachAsync(IReadOnlyList<string> caseIds, Func<string, Task> handle, CancellationToken cancellationToken)
    {
        if (caseIds.Count == 1)
        {
            await handle(caseIds[0]);
            return CaseBatchOutcome.Done;
        }
        for (var i = 0; i < caseIds.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try { await handle(caseIds[i]); }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return new CaseBatchOutcome(caseIds[i], ex, [.. caseIds.Skip(i + 1)]);
            }
        }
        return CaseBatchOutcome.Done;
    }

    /// <summary>
    /// After a failure: the cases not run back on the queue in one message, then the failed case alone (<paramref name="send"/>
    /// sends a message naming the cases it is given), logged with case ids and the failure's type only. If a send fails,
    /// the exception is thrown and the whole message is retried, which is safe because every case is idempotent.
    /// </summary>
    public static async Task SendBackAsync(CaseBatchOutcome outcome, string queue, Func<IReadOnlyList<string>, Task> send, ILogger logger)
    {
        if (outcome is not { FailedCaseId: { } failed, Failure: { } failure }) return;
        LogSentBack(logger, queue, failed, failure.GetType().Name, outcome.NotRun.Count);
        // The cases not run first: should the failed case's own send then fail, the whole message is retried with it in,
        // rather than leaving a copy of it on the queue at every retry.
        if (outcome.NotRun.Count > 0) await send(outcome.NotRun);
        await send([failed]);
    }

    /// <summary>Splits <paramref name="caseIds"/> into messages of at most <paramref name="size"/> cases (bounded by <see cref="MaxSize"/>).</summary>
    public static IEnumerable<string[]> Chunks(IEnumerable<string> caseIds, int size) =>
        caseIds.Chunk(Math.Clamp(size, 1, MaxSize));

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning,
        Message = "Stage {Queue}: case {CaseId} failed ({Failure}) in a message of several cases; it goes back alone, the {Rest} after it in a new message")]
    private static partial void LogSentBack(ILogger logger, string queue, string caseId, string failure, int rest);
}
