namespace DenialPipeline.ClaimCheck;

/// <summary>
/// One thing a rule found on a claim, in a coder's words: the rule id, how serious, the evidence (the records, codes
/// and history it rests on) and the fix. <see cref="Probability"/> is the rule's estimate that the payer denies for it;
/// <see cref="Line"/> is the service line (1-based) when the finding is about one.
/// </summary>
public sealed record Finding(string Rule, FindingSeverity Severity, string Evidence, string Fix)
{
    public double Probability { get; init; }
    public int? Line { get; init; }
    /// <summary>CARCs this finding predicts beyond the rule's own list (the learned rule: the pattern's denial reasons).</summary>
    public IReadOnlyList<string> Carcs { get; init; } = [];
}
