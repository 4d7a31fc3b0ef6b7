using DenialPipeline.X12;

namespace DenialPipeline.Cases;

public sealed record AdjustmentSnapshot(string Level, string Group, string Reason, decimal Amount, decimal? Quantity, bool Workable)
{
    /// <param name="remarks">The remark codes at the adjustment's place (they decide e.g. CO-237 with N807).</param>
    public static AdjustmentSnapshot From(Adjustment a, IReadOnlyCollection<string> remarks) =>
        new(a.Level == AdjustmentLevel.Claim ? "claim" : "line", a.Group, a.Reason, a.Amount, a.Quantity, DenialRules.IsWorkable(a, remarks));

    public string Code => $"{Group}-{Reason}";
}
