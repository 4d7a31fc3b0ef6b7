using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Review;

public enum ReviewOutcome { Done, AlreadyDone, NotFound, Conflict, InvalidState, Invalid }

public sealed record ReviewResult(ReviewOutcome Outcome, LetterEntity? Letter, string? Message = null);

/// <summary>A coder's decisions on a drafted letter. Nothing reaches a payer or provider without an approval.</summary>
public sealed partial class ReviewHandler(LetterStore letters, CaseStore cases, PipelineQueues queues, TimeProvider time, ILogger<ReviewHandler> logger)
{
    /// <summary>Approves and queues the letter for delivery. Approving twice is harmless (and re-queues an unsent letter).</summary>
    public async Task<ReviewResult> ApproveAsync(string letterId, string actor, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var letter = await letters.GetAsync(letterId, cancellationToken);
        if (letter is null) return new(ReviewOutcome.NotFound, null, $"Letter {letterId} does not exist.");
        if (ifMatch is not null && ifMatch != letter.ETag.ToString()) return new(ReviewOutcome.Conflict, letter, "Another coder changed this letter first.");
        switch (letter.StatusValue)
        {
            case LetterStatus.Approved:
                await queues.SendDeliveryAsync(letter.LetterId, letter.Version, cancellationToken); // delivery checks status: no double send
                return new(ReviewOutcome.AlreadyDone, letter, "The letter was already approved.");
            case LetterStatus.Sent or LetterStatus.Submitted:
                return new(ReviewOutcome.AlreadyDone, letter, "The letter was already sent.");
            case LetterStatus.Rejected or LetterStatus.Failed:
                return new(ReviewOutcome.InvalidState, letter, $"A {letter.Status.ToLowerInvariant()} letter cannot be approved.");
        }
        letter.StatusValue = LetterStatus.Approved;
        letter.ApprovedBy = actor;
        letter.ApprovedAt = time.GetUtcNow();
        if (!await letters.TryUpdateAsync(letter, cancellationToken))
        {
            var current = await letters.GetAsync(letterId, cancellationToken);
            return current?.StatusValue == LetterStatus.Approved
                ? new(ReviewOutcome.AlreadyDone, current, "Another coder approved this letter first.")
                : new(ReviewOutcome.Conflict, current, "Another coder changed this letter first.");
        }
        await cases.ChangeAsync(letter.CaseId, _ => new CaseChange("LetterApproved", CaseStatus.Approved, actor,
            $"Letter {letter.LetterId} version {letter.Version} approved."), cancellationToken);
        await queues.SendDeliveryAsync(letter.LetterId, letter.Version, cancellationToken);
        LogApproved(logger, letter.LetterId);
        return new(ReviewOutcome.Done, letter);
    }

    /// <summary>Rejects the draft with a reason; the case goes back to Researched for a coder to rework.</summary>
    public async Task<ReviewResult> RejectAsync(string letterId, string actor, string? reason, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(ReviewOutcome.Invalid, null, "A reason is required to reject a letter.");
        var letter = await letters.GetAsync(letterId, cancellationToken);
        if (letter is null) return new(ReviewOutcome.NotFound, null, $"Letter {letterId} does not exist.");
        if (ifMatch is not null && ifMatch != letter.ETag.ToString()) return new(ReviewOutcome.Conflict, letter, "Another coder changed this letter first.");
        if (letter.StatusValue == LetterStatus.Rejected) return new(ReviewOutcome.AlreadyDone, letter, "The letter was already rejected.");
        if (letter.StatusValue != LetterStatus.PendingApproval)
            return new(ReviewOutcome.InvalidState, letter, $"A letter that is {letter.Status} cannot be rejected.");
        letter.StatusValue = LetterStatus.Rejected;
        letter.RejectedBy = actor;
        letter.RejectReason = reason.Trim();
        if (!await letters.TryUpdateAsync(letter, cancellationToken))
            return new(ReviewOutcome.Conflict, await letters.GetAsync(letterId, cancellationToken), "Another coder changed this letter first.");
        await cases.ChangeAsync(letter.CaseId, _ => new CaseChange("LetterRejected", CaseStatus.Researched, actor,
            $"Letter {letter.LetterId} rejected: {letter.RejectReason}"), cancellationToken);
        LogRejected(logger, letter.LetterId);
        return new(ReviewOutcome.Done, letter);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Review: letter {LetterId} approved")]
    private static partial void LogApproved(ILogger logger, string letterId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Review: letter {LetterId} rejected")]
    private static partial void LogRejected(ILogger logger, string letterId);
}
