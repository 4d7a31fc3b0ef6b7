using DenialPipeline.X12;

namespace DenialPipeline.Cases;

public sealed record LineSnapshot(
    string Procedure, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal? Units, DateOnly? ServiceDate,
    string? LineControlNumber, decimal? Allowed, bool Denied, IReadOnlyList<AdjustmentSnapshot> Adjustments, IReadOnlyList<string> Remarks)
{
    public static LineSnapshot From(ClaimPayment c, ServiceLine l) => new(
        l.Procedure, l.Modifiers, l.Charge, l.Paid, l.Units, l.ServiceDate, l.LineControlNumber, l.AllowedAmount, c.IsLineDenied(l),
        l.Adjustments.Select(a => AdjustmentSnapshot.From(a, [.. l.Remarks, .. c.Remarks])).ToList(), l.Remarks);
}
