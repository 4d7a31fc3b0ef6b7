namespace DenialPipeline.X12;

/// <summary>When a claim or line needs a coder's work (../shared/DOMAIN.md, "CLP02 claim status").</summary>
public static class DenialRules
{
    // Plain contractual reductions: fee schedule (45), maximum allowable (42), network (253 sequestration), etc.
    private static readonly HashSet<string> PlainContractual = new(StringComparer.Ordinal) { "45", "42", "253", "59", "94", "A2", "23" };

    /// <summary>A plain contractual reduction (CO-45 and the like): not a denial, but a line to check against the contracted rate.</summary>
    public static bool IsPlainContractual(string? reason) => reason is not null && PlainContractual.Contains(reason);

    public static bool IsWorkable(Adjustment a) =>
        a.Group is "CO" or "OA" or "PI" or "CR" && !PlainContractual.Contains(a.Reason) && a.Amount > 0;

    /// <summary>The line alone: paid zero or reduced by a workable (CO/OA/PI/CR, not plain contractual) adjustment.</summary>
    public static bool IsLineDenied(ServiceLine line) =>
        line.Adjustments.Any(IsWorkable) && (line.Paid == 0m || line.Paid < line.Charge);

    /// <summary>A line in its claim: never a denial on a reversal (CLP02 = 22 takes back an earlier payment).</summary>
    public static bool IsLineDenied(ClaimPayment claim, ServiceLine line) => !claim.Reversal && IsLineDenied(line);

    public static bool IsClaimDenied(ClaimPayment claim)
    {
        if (claim.Status == "22") return false;
        if (claim.Status == "4") return true;
        if (claim.Paid == 0m && claim.Charge > 0m && claim.AllAdjustments.Any(a => a.Group != "PR" && a.Amount != 0m)) return true;
        return claim.Adjustments.Any(IsWorkable) || claim.Lines.Any(IsLineDenied);
    }
}
