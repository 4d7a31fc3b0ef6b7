using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Operations;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Review;

/// <summary>
/// POST /api/cases/{id}/retry: a case that research or drafting failed on every attempt (its message in a poison queue,
/// the case Failed with the stage that failed) is researched and drafted again once the cause is gone — as a failed
/// file is ingested again. The case goes back to New with a <c>Retried</c> history row naming who asked and the failure
/// it retries; research and drafting are idempotent, so a letter research plans again is the one drafted before, not a
/// second one. Refused: a case whose letter is Approved or Failed (it failed in delivery: the coder approves that letter
/// again) and a case closed by a coder or a remittance.
/// </summary>
public sealed partial class CaseRetryHandler(CaseStore cases, LetterStore letters, PipelineQueues queues, ILogger<CaseRetryHandler> logger)
{
    public async Task<OperationResult<CaseEntity>> RetryAsync(string caseId, string actor, string role, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(caseId) || await cases.GetAsync(caseId, cancellationToken) is not { } c)
            return new(Outcome.NotFound, null, $"Case {caseId} does not exist.");
        if (c.Status == nameof(CaseStatus.New) && await RetriedLastAsync(caseId, cancellationToken))
        {
            // Retried, but its research may never have been queued (the send failed after the status changed): queue it
            // again; research acts on a New case once, so a second request does no harm.
            await queues.SendResearchAsync(caseId, cancellationToken);
            return new(Outcome.AlreadyDone, c, $"Case {caseId} was retried already; its research is queued again.");
        }
        if (c.Status != nameof(CaseStatus.Failed))
            return new(Outcome.InvalidState, c, $"Case {caseId} is {c.Status}; only a failed case can be retried.");
        if (c.ResolvedAt is not null)
            return new(Outcome.InvalidState, c, $"Case {caseId} was closed; a closed case is not researched again.");
        if (await InDeliveryAsync(c, cancellationToken) is { } letter)
            return new(Outcome.InvalidState, c,
                $"Letter {letter.LetterId} of case {caseId} is {letter.Status}: the case failed in delivery. Approve the letter again to retry its delivery.");

        var failure = c.FailureReason ?? "no reason recorded";
        var (saved, changed) = await cases.ChangeAsync(c, current =>
        {
            if (current.Status != nameof(CaseStatus.Failed)) return null; // retried (or changed) meanwhile
            current.FailureReason = null;
            return new CaseChange("Retried", CaseStatus.New, actor, $"Research and drafting again after: {failure}", role);
        }, cancellationToken);
        if (!changed) return new(Outcome.InvalidState, saved, $"Case {caseId} changed meanwhile; it is no longer failed.");
        await queues.SendResearchAsync(caseId, cancellationToken);
        LogRetried(logger, caseId);
        return new(Outcome.Done, saved);
    }

    /// <summary>A letter of the case approved and not sent, or whose delivery failed: the case failed in delivery, not in research or drafting.</summary>
    private async Task<LetterEntity?> InDeliveryAsync(CaseEntity c, CancellationToken cancellationToken)
    {
        foreach (var letterId in c.LetterIdList)
            if (await letters.GetAsync(letterId, cancellationToken) is { StatusValue: LetterStatus.Approved or LetterStatus.Failed } letter)
                return letter;
        return null;
    }

    private async Task<bool> RetriedLastAsync(string caseId, CancellationToken cancellationToken) =>
        (await cases.HistoryAsync(caseId, cancellationToken)).LastOrDefault()?.Event == "Retried";

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Review: case {CaseId} queued again (retry requested)")]
    private static partial void LogRetried(ILogger logger, string caseId);
}
