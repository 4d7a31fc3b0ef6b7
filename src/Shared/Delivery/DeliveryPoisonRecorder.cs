using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Delivery;

/// <summary>A delivery that failed every attempt: the letter (if still Approved) and its case are marked Failed.</summary>
public sealed class DeliveryPoisonRecorder(LetterStore letters, CaseStore cases) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.LettersOutbox;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default)
    {
        if (MessageJson.TryDeserialize<DeliveryRequested>(body)?.LetterId is not { } letterId
            || await letters.GetAsync(letterId, cancellationToken) is not { } letter)
            return null;
        // Marked submitted (or sent) meanwhile: nothing failed for the coder; the message still goes to poison.
        if (letter.StatusValue is LetterStatus.Sent or LetterStatus.Submitted or LetterStatus.Rejected) return null;
        if (letter.StatusValue == LetterStatus.Approved
            && !await letters.TryFailApprovedAsync(letter, "Delivery failed repeatedly (the mail service did not accept it); approve again to retry.", cancellationToken))
            return null;
        return await cases.MarkPoisonedAsync(letter.CaseId, $"Letter {letterId}: {detail}", cancellationToken);
    }
}
