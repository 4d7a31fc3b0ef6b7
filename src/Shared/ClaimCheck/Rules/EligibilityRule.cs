using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Coverage and order of benefits on the date of service: coverage with this payer active (CARC 27/26 when not); this
/// payer secondary while the claim carries no primary adjudication (CARC 22; 837 loop 2320 with AMT*D); a Medicare
/// Advantage plan active while the claim goes to original Medicare, and the reverse (CARC 109/24). No coverage on file is
/// unknown, not "not covered": the rule then looks only at what the claim itself says.
/// </summary>
public sealed class EligibilityRule : IClaimRule
{
    public const string RuleId = "eligibility";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var c = claim.Claim;
        var payer = context.PayerLabel(claim);
        var dos = c.ServiceDateStart;
        if (claim.IsSecondary && (claim.OtherPayerCount == 0 || !claim.OtherPayerPaidAmountGiven))
            yield return Fix($"The claim bills {payer} as {(claim.PayerResponsibility == "T" ? "tertiary" : "secondary")} (SBR01 {claim.PayerResponsibility}) but carries " +
                (claim.OtherPayerCount == 0 ? "no other payer (loop 2320)." : "no amount the primary paid (AMT*D in loop 2320)."),
                "Bill the primary first and add its adjudication (loop 2320/2430) to this claim.", 0.85);
        if (!context.CoverageKnown) yield break;
        var active = context.Coverages.Where(v => v.ActiveOn(dos)).ToList();
        var withPayer = active.Where(v => SamePayer(v.PayerId, c.PayerId)).ToList();
        var originalInstead = context.PayerKind == PayerKind.MedicareAdvantage && withPayer.Count == 0
            ? active.FirstOrDefault(a => KindOf(a, context) == PayerKind.Medicare) : null;
        if (withPayer.Count == 0 && c.PayerId is { Length: > 0 } && originalInstead is null)
        {
            var onFile = string.Join("; ", context.Coverages.Select(Describe));
            yield return Fix($"No coverage with {payer} active on {RuleText.Date(dos)}; on file: {onFile}.",
                active.Count > 0 ? $"Bill the payer active that day ({string.Join(", ", active.Select(a => a.PayerName ?? a.PayerId))}) or verify eligibility."
                    : "Verify eligibility (270/271) before sending; bill the right payer or the patient.", 0.85);
        }
        var mine = withPayer.FirstOrDefault();
        if (mine is { Order: > CoverageOrder.Primary } && !claim.IsSecondary && claim.OtherPayerCount == 0)
        {
            var primary = active.FirstOrDefault(a => a.Order == CoverageOrder.Primary && !SamePayer(a.PayerId, c.PayerId));
            yield return Fix($"Coverage on file makes {payer} {mine.Order.ToString().ToLowerInvariant()} on {RuleText.Date(dos)}" +
                (primary is null ? "" : $" ({primary.PayerName ?? primary.PayerId} is primary)") + " and the claim carries no primary adjudication.",
                "Bill the primary payer first, then send this claim as secondary with its payment (loop 2320).", 0.8);
        }
        if (context.PayerKind == PayerKind.Medicare)
        {
            var ma = active.FirstOrDefault(a => KindOf(a, context) == PayerKind.MedicareAdvantage);
            if (ma is not null)
                yield return Fix($"A Medicare Advantage plan ({ma.PayerName ?? ma.PayerId}) is active on {RuleText.Date(dos)} and the claim goes to original Medicare ({payer}).",
                    "Bill the Medicare Advantage plan (original Medicare denies services of an MA enrollee).", 0.85);
        }
        else if (originalInstead is not null)
            yield return Fix($"Original Medicare ({originalInstead.PayerName ?? originalInstead.PayerId}) is active on {RuleText.Date(dos)} and no enrollment with the Medicare Advantage plan {payer} is on file.",
                "Verify MA enrollment (270/271): if the beneficiary is not enrolled that day, bill original Medicare.", 0.8);
    }

    private static PayerKind? KindOf(Coverage c, ClaimCheckContext context) =>
        context.PayerProfiles.TryGetValue(c.PayerId, out var p) ? p.PayerKind : null;

    private static bool SamePayer(string? a, string? b) => a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Describe(Coverage v) =>
        $"{v.PayerName ?? v.PayerId} {v.Order.ToString().ToLowerInvariant()} {(v.PeriodStart is { } s ? RuleText.Date(s) : "open")} to {(v.PeriodEnd is { } e ? RuleText.Date(e) : "open")}";

    private static Finding Fix(string evidence, string fix, double p) => new(RuleId, FindingSeverity.FixFirst, evidence, fix) { Probability = p };
}
