using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Duplicates: an earlier payment for the same service is a true duplicate unless a repeat/distinct modifier says otherwise.</summary>
internal sealed class DuplicateRule : IDenialRule
{
    private static readonly string[] RepeatModifiers = ["76", "77", "59", "XE", "XS", "XP", "XU"];

    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var dos = ctx.ServiceDate(item);
        var procedures = ctx.Procedures(item);
        var paid = dos is null ? null : ctx.Records.EarlierPaidServices.FirstOrDefault(p =>
            p.Paid > 0m && p.ServiceDate == dos && procedures.Contains(p.Procedure, RuleContext.Ids) &&
            !(RuleContext.Ids.Equals(p.ClaimId, ctx.Claim.PatientControlNumber) && RuleContext.Ids.Equals(p.PayerClaimNumber, ctx.Claim.PayerClaimControlNumber)));
        var modifiers = item.Submitted?.Modifiers ?? item.Line?.Modifiers ?? [];
        var repeat = modifiers.FirstOrDefault(m => RepeatModifiers.Contains(m, RuleContext.Ids));
        var what = $"{string.Join(", ", procedures.DefaultIfEmpty("the service"))} on {Date(dos)}";
        if (paid is not null && repeat is null)
            return new RuleOutcome(DenialCategory.Duplicate, ResolutionAction.NoAction, Clock.None,
                $"No action on {item.Label}: claim {paid.ClaimId} was already paid for {what}.",
                [new Evidence("Earlier paid claim", true, $"Claim {paid.ClaimId}{(paid.PayerClaimNumber is null ? "" : $" (payer claim {paid.PayerClaimNumber})")} paid {Money(paid.Paid)} for {paid.Procedure} on {paid.ServiceDate:yyyy-MM-dd}{(paid.PaidDate is { } pd ? $" on {pd:yyyy-MM-dd}" : "")}: this is a true duplicate.")],
                EarlierPayment: paid);
        // Original Medicare reopens a claim wrongly denied as a duplicate (42 CFR 405.980; CMS ch. 34): CARC 18 and B13
        // ("previously paid") — not B20, "furnished by another provider", which is not a duplicate claim; a true duplicate
        // stays no action.
        if (item.Carc.Code.Code is "18" or "B13" && ctx.PayerKind == PayerKind.Medicare)
            return Medicare(item, ctx, paid, repeat, what);
        if (paid is not null)
            return new RuleOutcome(DenialCategory.Duplicate, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: the service was billed with modifier {repeat} as a separate service from the one paid on claim {paid.ClaimId}.",
                [new Evidence("Earlier paid claim", true, $"Claim {paid.ClaimId} paid {Money(paid.Paid)} for {paid.Procedure} on {paid.ServiceDate:yyyy-MM-dd}, but this line carried modifier {repeat}, which marks a distinct or repeat service.")],
                Enclosures: ["Documentation showing the service was distinct (separate session, site or practitioner)"], EarlierPayment: paid);
        // B20: another provider was paid for it, which our own remittances never show; find out who before appealing.
        if (item.Carc.Code.Code == "B20")
            return new RuleOutcome(DenialCategory.Duplicate, ResolutionAction.ManualReview, Clock.Appeal,
                $"Find out who was paid for {what} ({item.Label}: furnished by another provider) — a facility's technical component, a global surgical package, a SNF or hospice stay — and appeal only with proof this provider furnished it.",
                [new Evidence("Earlier paid claim", false, $"{item.Label} says another provider furnished {what}: its payment would not be on this provider's remittances, so their absence proves nothing.")]);
        if (RuleContext.EarlierPaymentsChecked(ctx.Records))
            return new RuleOutcome(DenialCategory.Duplicate, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: no earlier paid claim for {what} is on file.",
                [new Evidence("Earlier paid claim", false, $"No earlier paid claim for {what} is on file: the remittances received from this payer for this patient show no payment for it.")],
                Enclosures: ["Copy of the claim and the remittance showing no earlier payment for the service"]);
        // Nothing to look in (no member id or date on the remittance or the claim): say so, and claim nothing.
        return new RuleOutcome(DenialCategory.Duplicate, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label}: ask the payer to name the claim it duplicates; earlier payments for {what} could not be checked.",
            [new Evidence("Earlier paid claim", false, $"Earlier payments for {what} could not be checked (no member id, payer or date of service to look them up by): verify in the payer portal before appealing.")],
            Enclosures: ["Copy of the claim as submitted"]);
    }

    /// <summary>
    /// Medicare CARC 18 that is not a true duplicate: a reopening, stating what research found — the repeat modifier beside
    /// the earlier payment, or no earlier payment on this payer's remittances. When payments could not be looked up, research
    /// cannot tell a true duplicate from a wrong denial: the coder checks first (manual review on the reopening clock).
    /// </summary>
    private static RuleOutcome Medicare(DenialItem item, RuleContext ctx, PaidService? paid, string? repeat, string what)
    {
        const string field = "denial as a duplicate (CARC 18)";
        if (paid is not null)
            return Reopening.Request(item, DenialCategory.Duplicate,
                new ClericalError(field, item.LineLabel, $"denied as a duplicate of claim {paid.ClaimId}", $"paid as a distinct or repeat service (billed with modifier {repeat})",
                    $"the earlier payment on claim {paid.ClaimId} recorded from this payer's remittances, against this line's modifier {repeat}")
                {
                    GoodCause = $"the line carried modifier {repeat}, which marks a distinct or repeat service, and the enclosed documentation of the distinct service, which the contractor did not have when it denied the line as a duplicate of claim {paid.ClaimId}, is new and material evidence (42 CFR 405.986(a)(1))",
                },
                [new Evidence("Earlier paid claim", true, $"Claim {paid.ClaimId} paid {Money(paid.Paid)} for {paid.Procedure} on {paid.ServiceDate:yyyy-MM-dd}, but this line carried modifier {repeat}, which marks a distinct or repeat service.")],
                ["Documentation showing the service was distinct (separate session, site or practitioner)"]) with { EarlierPayment = paid };
        if (RuleContext.EarlierPaymentsChecked(ctx.Records))
            return Reopening.Request(item, DenialCategory.Duplicate,
                new ClericalError(field, item.LineLabel, "denied as a duplicate", $"paid: no earlier payment for {what} was made",
                    "the payments recorded from this payer's remittances for this patient")
                {
                    GoodCause = $"the contractor's own remittances for this patient show no earlier payment for {what}, so the denial as a duplicate has nothing to duplicate — an obvious error on the face of the evidence the contractor considered (42 CFR 405.986(a)(2))",
                },
                [new Evidence("Earlier paid claim", false, $"No earlier paid claim for {what} is on file: the remittances received from this payer for this patient show no payment for it.")]);
        return new RuleOutcome(DenialCategory.Duplicate, ResolutionAction.ManualReview, Clock.Reopening,
            $"Check {item.Label} in the payer portal: if no earlier claim for {what} was paid, request a reopening (42 CFR 405.980).",
            [new Evidence("Earlier paid claim", false, $"Earlier payments for {what} could not be checked (no member id, payer or date of service to look them up by): a true duplicate needs no action, a wrong duplicate denial is corrected by a reopening.")]);
    }
}
