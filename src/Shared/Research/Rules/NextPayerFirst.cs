using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// What a payer leaves to the patient goes to the next payer first: the patient is billed only what the secondary (and
/// tertiary) coverage leaves (coordination of benefits: NAIC COB model regulation; Medicare Secondary Payer Manual, Pub
/// 100-05, for Medicare's place in the order; the 835 "processed as primary, forwarded" statuses of CLP02).
/// <list type="bullet">
/// <item>CLP02 19, 20 or 21, or Medicare's crossover remarks MA18, MA07 and N89: this payer forwarded the claim to the
/// next payer itself (a crossover): nothing to send, and the patient waits for that payer's remittance.</item>
/// <item>Another payer's coverage, after this one in the order, active on the date of service: bill it with this
/// remittance first. A Medicaid coverage behind Medicare adds the QMB warning: a Qualified Medicare Beneficiary may not
/// be billed Medicare cost sharing at all (Social Security Act §1902(n)(3)(B)). Medicaid comes after any other payer,
/// whatever order its coverage record gives it (payer of last resort).</item>
/// <item>No payer after this one, and the patient is a Medicaid enrollee: the bill carries the payment-in-full warning
/// (42 CFR 447.15).</item>
/// </list>
/// </summary>
internal static class NextPayerFirst
{
    public static RuleOutcome Apply(RuleOutcome outcome, DenialItem item, RuleContext ctx)
    {
        // CARC 100: the payer paid the patient, so the amount is collected from the patient, not billed to another payer.
        if (outcome.Action != ResolutionAction.BillPatient || item.Carc.Code.Code == "100") return outcome;
        if (Crossover(ctx) is var (forwarded, signal))
            return outcome with
            {
                Action = ResolutionAction.NoAction,
                Clock = Clock.None,
                Conclusion = $"Do not bill the patient yet: this payer {forwarded}; bill the patient only what that payer's remittance leaves of {item.Label} {Money(item.Adjustment.Amount)}.",
                Evidence = [.. outcome.Evidence, new Evidence("Next payer", true, $"This payer {forwarded} ({signal}), so the next payer has it already (a crossover); nothing needs sending.")],
            };
        if (ctx.ServiceDate(item) is not { } dos) return outcome;
        var active = ctx.Records.Coverages.Where(c => c.ActiveOn(dos)).ToList();
        var mine = active.Where(ctx.IsThisPayer).Select(c => c.Order).DefaultIfEmpty(CoverageOrder.Primary).Min();
        // Medicaid pays last whatever order a record gives it (RuleContext.PaymentRank): it comes after this payer.
        var myRank = ctx.ThisPayerRank(active);
        var next = active.Where(c => !ctx.IsThisPayer(c) && ctx.PaymentRank(c) > myRank).OrderBy(ctx.PaymentRank).FirstOrDefault();
        if (next is null)
            return MedicaidEnrollee(ctx, active) is { } enrollee ? outcome with { Evidence = [.. outcome.Evidence, enrollee] } : outcome;
        var name = next.PayerName ?? next.PayerId;
        var order = next.Order.ToString().ToLowerInvariant();
        var evidence = new List<Evidence>(outcome.Evidence)
        {
            new("Coverage after this payer", true, $"Coverage with {name} ({next.Order}) was active on {dos:yyyy-MM-dd} (from {Date(next.PeriodStart)} to {Date(next.PeriodEnd)}), after this payer's ({mine}): the patient is billed only what it leaves."),
        };
        var profile = ctx.Records.OtherPayerProfiles.FirstOrDefault(p => RuleContext.Ids.Equals(p.PayerId, next.PayerId));
        if (ctx.PayerKind == PayerKind.Medicare && profile?.PayerKind == PayerKind.Medicaid)
            evidence.Add(new Evidence("QMB", false, $"{name} is Medicaid behind Medicare: if the patient is a Qualified Medicare Beneficiary, Medicare deductibles, coinsurance and copays may not be billed to the patient at all, whatever Medicaid pays (Social Security Act §1902(n)(3)(B)). Check the patient's QMB status before any patient bill."));
        return new RuleOutcome(outcome.Category, ResolutionAction.BillOtherPayer, Clock.OtherPayerFiling,
            $"Bill {name} ({order}) with this remittance before the patient: its coverage was active on {dos:yyyy-MM-dd} and it may pay the {Money(item.Adjustment.Amount)} this payer left to the patient ({item.Label}).",
            evidence, OtherPayer: next);
    }

    /// <summary>
    /// A patient bill for a Medicaid enrollee (this payer is Medicaid, or a Medicaid coverage was active on the date of
    /// service): a provider that takes Medicaid accepts its payment as payment in full (42 CFR 447.15), so only the
    /// state's cost sharing, or a service Medicaid does not cover that the patient agreed in writing beforehand to pay
    /// (where the state allows it), may be billed.
    /// </summary>
    private static Evidence? MedicaidEnrollee(RuleContext ctx, IReadOnlyList<Coverage> active)
    {
        var medicaid = ctx.PayerKind == PayerKind.Medicaid ? "this payer is Medicaid"
            : active.FirstOrDefault(c => !ctx.IsThisPayer(c) && ctx.IsMedicaid(c)) is { } c ? $"Medicaid coverage with {c.PayerName ?? c.PayerId} was active on the date of service" : null;
        return medicaid is null ? null : new Evidence("Medicaid enrollee", false,
            $"Before billing the patient: {medicaid}. A provider that takes Medicaid accepts its payment as payment in full (42 CFR 447.15): " +
            "bill only the state's cost sharing, or a service Medicaid does not cover that the patient agreed in writing beforehand to pay, where the state allows it.");
    }

    /// <summary>Medicare's crossover remarks: MA18 (to the supplemental insurer), MA07 (to Medicaid), N89 (to more than one payer).</summary>
    private static readonly string[] CrossoverRemarks = ["MA18", "MA07", "N89"];

    /// <summary>What the payer did with the claim and what on the remittance says so; null when it did not forward it.</summary>
    private static (string Forwarded, string Signal)? Crossover(RuleContext ctx)
    {
        if (Forwarded(ctx.Claim.Status) is { } status) return (status, $"CLP02 {ctx.Claim.Status}");
        var remarks = ctx.Remarks.Select(r => r.Code.Code).Where(c => CrossoverRemarks.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        return remarks.Count > 0 ? ("forwarded the claim to the patient's other insurer", "remark " + string.Join(", ", remarks)) : null;
    }

    private static string? Forwarded(string status) => status switch
    {
        "19" => "processed the claim as primary and forwarded it to the next payer",
        "20" => "processed the claim as secondary and forwarded it to the next payer",
        "21" => "processed the claim as tertiary and forwarded it to the next payer",
        _ => null,
    };
}
