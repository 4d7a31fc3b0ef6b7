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
/// it retries; research and drafting are idempotent, so a letter drafted before the failure is kept, not drafted twice.
/// A case whose letter was approved failed in delivery, not here: the coder approves that letter again.
/// </summary>
public sealed partial class CaseRetryHandler(CaseStore cases, LetterStore letters, PipelineQueues queues, ILogger<CaseRetryHandler> logger)
{
    public async Task<OperationResult<CaseEntity>> RetryAsync(string caseId, string actor, string role, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(caseId) || await cases.GetAsync(caseId, cancellationToken) is not { } c)
            return new(Outcome.NotFound, null, $"Case {caseId} does not exist.");
        if (c.StatusValue != CaseStatus.Failed)
            return new(Outcome.InvalidState, c, $"Case {caseId} is {c.Status}; only a failed case can be retried.");
        foreach (var letterId in c.LetterIdList)
        {
            if (await letters.GetAsync(letterId, cancellationToken) is { StatusValue: not (LetterStatus.PendingApproval or LetterStatus.Rejected) } letter)
                return new(Outcome.InvalidState, c,
                    $"Letter {letterId} of case {caseId} is {letter.Status}: the case failed in delivery. Approve the letter again to retry its delivery.");
        }

        var failure = c.FailureReason ?? "no reason recorded";
        var (saved, changed) = await cases.ChangeAsync(c, current =>
        {
            if (current.StatusValue != CaseStatus.Failed) return null; // retried (or changed) meanwhile
            current.FailureReason = null;
            return new CaseChange("Retried", CaseStatus.New, actor, $"Research and drafting again after: {failure}", role);
        }, cancellationToken);
        if (!changed) return new(Outcome.InvalidState, saved, $"Case {caseId} changed meanwhile; it is no longer failed.");
        await queues.SendResearchAsync(caseId, cancellationToken);
        LogRetried(logger, caseId);
        return new(Outcome.Done, saved);
    }

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Review: case {CaseId} queued again (retry requested)")]
    private static partial void LogRetried(ILogger logger, string caseId);
}
