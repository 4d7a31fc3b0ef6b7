using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Pipeline;

/// <summary>
/// Runs one stage for one message. Permanent problems are handled inside the handlers (recorded, message completes);
/// anything thrown is transient and retried by the runtime. On the last attempt the failure is recorded where users
/// see it before the exception sends the message to the poison queue.
/// </summary>
public sealed partial class StageRunner(PoisonHandler poison, QueueRetryPolicy policy, ILogger<StageRunner> logger)
{
    private static readonly AsyncLocal<string?> Running = new();

    /// <summary>The queue of the stage running on this async flow (null outside one): lets a storage request be charged to its stage (bench/LoadBench counts them so).</summary>
    public static string? CurrentStage => Running.Value;

    /// <summary>
    /// Reads the message as a <typeparamref name="TMessage"/> (one that is not is skipped: nothing could ever read it, so
    /// the message completes), runs <paramref name="handle"/> on it, and records the failure of the last attempt.
    /// </summary>
    /// <param name="queue">The queue the message came from (names the stage in a failure).</param>
    /// <param name="dequeueCount">How many times the message was received, this time included.</param>
    public async Task RunAsync<TMessage>(string queue, string body, long dequeueCount, Func<TMessage, CancellationToken, Task> handle,
        CancellationToken cancellationToken = default) where TMessage : class
    {
        if (MessageJson.TryDeserialize<TMessage>(body) is not { } message)
        {
            LogUnreadable(logger, queue, typeof(TMessage).Name);
            return;
        }
        Running.Value = queue;
        try
        {
            await handle(message, cancellationToken);
        }
        catch (Exception ex) when (dequeueCount >= policy.MaxDequeueCount && ex is not OperationCanceledException)
        {
            try { await poison.HandleAsync(queue, body, ex.GetType().Name, cancellationToken); }
            catch (Exception) { /* storage itself may be the problem: the poison queue still keeps the message */ }
            throw;
        }
    }

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Stage {Queue}: the message is not a {MessageType}; it is skipped")]
    private static partial void LogUnreadable(ILogger logger, string queue, string messageType);
}
