using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Pipeline;

/// <summary>
/// Called on the last allowed attempt of a message that fails (see <see cref="StageRunner"/>): makes the failure visible
/// where users look — the stage's <see cref="IPoisonRecorder"/> marks the case (or file, or letter) Failed with the stage
/// that failed — before the runtime moves the message to the <c>-poison</c> queue, where it stays for an operator.
/// </summary>
public sealed partial class PoisonHandler(IEnumerable<IPoisonRecorder> recorders, ILogger<PoisonHandler> logger)
{
    public async Task HandleAsync(string queue, string body, string failure, CancellationToken cancellationToken = default)
    {
        if (recorders.FirstOrDefault(r => r.Queue == queue) is not { } recorder) return;
        var detail = $"Processing in stage '{queue}' failed on every attempt ({failure}); the message was moved to '{StorageNames.Queues.Poison(queue)}'.";
        if (await recorder.RecordAsync(body, detail, cancellationToken) is { } id) LogPoisoned(logger, queue, id);
    }

    [LoggerMessage(EventId = 9000, Level = LogLevel.Error, Message = "Poison: a message of {Queue} for {Id} failed every attempt; marked failed")]
    private static partial void LogPoisoned(ILogger logger, string queue, string id);
}
