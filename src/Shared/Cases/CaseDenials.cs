namespace DenialPipeline.Cases;

/// <summary>
/// Whether a case is still a denial under today's rules (X12/Data/not-denials.csv, <see cref="X12.DenialRules"/>). Cases
/// opened by an earlier version for claims that are not denials (a $0 claim whose allowed amount went to the deductible,
/// CO-45 + PR-1; OA-23 on a $0 secondary; a withhold, a MIPS adjustment…) are filtered at read time — the dashboard's
/// metrics and the work queue skip them — rather than migrated: nothing is rewritten or lost, and a later change to the
/// not-denial list applies to stored cases the same way.
/// </summary>
public static class CaseDenials
{
    /// <summary>False only when the case's stored claim is, by today's rules, not a denial; a case without its claim counts.</summary>
    public static bool IsDenial(CaseEntity c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return RemittancePayload.FromBytes(c.RemittancePayload) is not { } payload || payload.Claim.Denied;
    }
}
