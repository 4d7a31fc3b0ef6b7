namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Our own history: a line matching a payer × procedure (× modifiers, × diagnosis) pattern that this payer denied at or
/// above the flag rate, with at least the minimum support, in the window (see <see cref="Learned.LearnedPatterns"/>).
/// The evidence quotes the counts, the first date and the CARCs; the probability is the observed denial rate.
/// </summary>
public sealed class LearnedPatternRule : IClaimRule
{
    public const string RuleId = "learned-pattern";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var c = claim.Claim;
        if (c.PayerId is not { Length: > 0 } payerId) yield break;
        var principal = c.DiagnosisCodes.Count > 0 ? c.DiagnosisCodes[0] : null;
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in c.Lines)
        {
            var best = context.Learned.Matching(payerId, l.Procedure, l.Modifiers, principal).FirstOrDefault();
            if (best is null || !reported.Add(best.Evidence())) continue;
            var carcs = best.TopCarcs.Count > 0 ? $" (mostly {best.TopCarcs[0].Carc})" : "";
            yield return new Finding(RuleId, best.DenialRate >= 0.8 ? FindingSeverity.FixFirst : FindingSeverity.Warn,
                $"{best.Evidence()}: {best.DenialRate:P0} denied in our own remittances.",
                $"Review line {l.Number} against why these were denied{carcs} before sending: the code's meaning is on the case page of those denials.")
            {
                Probability = best.DenialRate, Line = l.Number,
                Carcs = best.TopCarcs.Select(t => t.Carc[(t.Carc.IndexOf('-', StringComparison.Ordinal) + 1)..]).ToList(),
            };
        }
    }
}
