namespace DenialPipeline.ClaimCheck;

/// <summary>The check of a batch: one result per claim, and what could not be checked.</summary>
public sealed record ClaimCheckReport(string BatchId, IReadOnlyList<ClaimCheckResult> Results, IReadOnlyList<ClaimCheckInputError> Errors)
{
    public int Ready => Results.Count(r => r.Outcome == ClaimCheckStatus.Ready);
    public int Warn => Results.Count(r => r.Outcome == ClaimCheckStatus.Warn);
    public int FixFirst => Results.Count(r => r.Outcome == ClaimCheckStatus.FixFirst);
}
