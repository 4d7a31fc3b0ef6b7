using DenialPipeline.Storage;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Pipeline;

/// <summary>
/// Called on the last allowed attempt of a message that fails (see <see cref="StageRunner"/>): makes the failure visible
/// where users look — the case (or file, or letter) is marked Failed with the stage that failed — before the runtime
/// moves the message to the <c>-poison</c> queue, where it stays for an operator.
/// </summary>
public sealed partial class PoisonHandler(CaseStore cases, LetterStore letters, RemittanceFileStore files, ILogger<PoisonHandler> logger)
{
    public async Task HandleAsync(string queue, string body, string failure, CancellationToken cancellationToken = default)
    {
        var detail = $"Processing in stage '{queue}' failed on every attempt ({failure}); the message was moved to '{StorageNames.Queues.Poison(queue)}'.";
        switch (queue)
        {
            case StorageNames.Queues.DenialFiles:
                if (MessageJson.TryDeserialize<BlobCreatedEvent>(body)?.ParseSubject() is { } at)
                {
                    await files.FailAsync(at.Container, at.BlobName, detail, cancellationToken);
                    LogPoisoned(logger, queue, IngestHandler.FileIdFor(at.Container, at.BlobName));
                }
                return;
            case StorageNames.Queues.DenialResearch:
                await FailCaseAsync(MessageJson.TryDeserialize<ResearchRequested>(body)?.CaseId, queue, detail, cancellationToken);
                return;
            case StorageNames.Queues.DenialDrafting:
                await FailCaseAsync(MessageJson.TryDeserialize<DraftRequested>(body)?.CaseId, queue, detail, cancellationToken);
                return;
            case StorageNames.Queues.LettersOutbox:
                if (MessageJson.TryDeserialize<DeliveryRequested>(body)?.LetterId is { } letterId && await letters.GetAsync(letterId, cancellationToken) is { } letter)
                {
                    // Marked submitted (or sent) meanwhile: nothing failed for the coder; the message still goes to poison.
                    if (letter.StatusValue is LetterStatus.Sent or LetterStatus.Submitted or LetterStatus.Rejected) return;
                    if (letter.StatusValue == LetterStatus.Approved
                        && !await letters.TryFailApprovedAsync(letter, "Delivery failed repeatedly (the mail service did not accept it); approve again to retry.", cancellationToken))
                        return;
                    await FailCaseAsync(letter.CaseId, queue, $"Letter {letterId}: {detail}", cancellationToken);
                }
                return;
        }
    }

    private async Task FailCaseAsync(string? caseId, string queue, string detail, CancellationToken ct)
    {
        if (caseId is null) return;
        await cases.ChangeAsync(caseId, c =>
        {
            if (c.StatusValue == CaseStatus.Failed && c.FailureReason == detail) return null;
            c.FailureReason = detail;
            return new CaseChange("Failed", CaseStatus.Failed, "system:poison", detail);
        }, ct);
        LogPoisoned(logger, queue, caseId);
    }

    [LoggerMessage(EventId = 9000, Level = LogLevel.Error, Message = "Poison: a message of {Queue} for {Id} failed every attempt; marked failed")]
    private static partial void LogPoisoned(ILogger logger, string queue, string id);
}
