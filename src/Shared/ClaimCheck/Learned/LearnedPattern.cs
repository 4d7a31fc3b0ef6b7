namespace DenialPipeline.ClaimCheck.Learned;

/// <summary>
/// A payer × procedure (× modifiers or × diagnosis) pattern from our own 835s in the window: claims, denials, the first
/// date seen and the CARCs of the denials, most frequent first.
/// </summary>
public sealed record LearnedPattern(
    string PayerId, string PayerName, string Procedure, PatternDimension Dimension, string? Value,
    int Claims, int Denied, DateOnly Since, IReadOnlyList<(string Carc, int Count)> TopCarcs)
{
    public double DenialRate => Claims == 0 ? 0 : (double)Denied / Claims;

    /// <summary>"ACME HEALTH PLAN denied 4 of 5 claims for 97140 without modifiers since 2026-06-03 (CO-4 ×4)".</summary>
    public string Evidence()
    {
        var what = Dimension switch
        {
            PatternDimension.Modifiers => Value is { Length: > 0 } m ? $"{Procedure} with modifier {m.Replace(":", ", ", StringComparison.Ordinal)}" : $"{Procedure} without modifiers",
            PatternDimension.Diagnosis => $"{Procedure} with diagnosis {Value}",
            _ => Procedure,
        };
        var carcs = TopCarcs.Count == 0 ? "" : " (" + string.Join(", ", TopCarcs.Take(3).Select(c => $"{c.Carc} ×{c.Count}")) + ")";
        return $"{PayerName} denied {Denied} of {Claims} claims for {what} since {Since:yyyy-MM-dd}{carcs}";
    }
}
