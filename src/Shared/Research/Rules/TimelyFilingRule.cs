using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Timely filing: only this payer's earliest acceptance that proves filing (<see cref="TimelyFilingProofs"/>: a payer's
/// 277CA A2, a clearinghouse's only when the payer accepts those, never a 999), within the limit, proves timely
/// submission. Medicare timely filing has no appeal rights: written off unless the contractor accepted the claim in time
/// (its error, fixed by a reopening) or an exception of 42 CFR 424.44(b) applies.
/// </summary>
internal sealed class TimelyFilingRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        // The same choice the letter cites: this payer's earliest acceptance that proves filing (not a 999, not a
        // clearinghouse's unless the payer profile accepts those).
        var choice = TimelyFilingProofs.Choose(ctx.Records.SubmissionProofs, [ctx.Claim.PatientControlNumber, ctx.Records.Claim?.ClaimId], ctx.PayerIds, ctx.Records.Payer);
        var setAside = string.Concat(choice.NotProof.Select(n => $" Not proof: the {Source(n.Proof.Source)} of {n.Proof.AcceptedDate:yyyy-MM-dd}, because {n.Why}."));
        var filingFrom = ctx.FilingDate(item);
        var limit = filingFrom is { } from ? Deadlines.TimelyFiling(from.Date, ctx.PayerKind, ctx.Records.Payer, ctx.Today, throughDate: from.Through) : null;
        if (ctx.PayerKind == PayerKind.Medicare)
            return Medicare(item, ctx, choice, limit, setAside);
        if (choice.Proof is null && choice.OtherPayers.Count > 0)
        {
            var other = choice.OtherPayers[0];
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Appeal,
                $"Review {item.Label} by hand: the only acceptance on file is by payer {other.PayerId}, not this payer.",
                [new Evidence("Proof of timely submission", false, $"Claim {other.ClaimId} was accepted on {other.AcceptedDate:yyyy-MM-dd} ({Source(other.Source)}) by payer {other.PayerId}, not by this payer: that proves filing with another payer; check whether this payer accepts it before appealing or writing off.{setAside}")]);
        }
        if ((choice.Proof is null || limit is not null && choice.Proof.AcceptedDate > limit.Date) && AsSecondary(item, ctx) is { } secondary)
            return secondary;
        if (choice.Proof is not { } proof)
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: no proof of timely submission to this payer is on file.",
                [new Evidence("Proof of timely submission", false, $"No acceptance of claim {ctx.Claim.PatientControlNumber} by this payer is on file.{setAside}")]);
        if (limit is not null && proof.AcceptedDate > limit.Date)
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: the first acceptance on file came after the filing limit.",
                [new Evidence("Proof of timely submission", false, $"The first acceptance on file is {proof.AcceptedDate:yyyy-MM-dd} ({choice.Kind}), after the filing limit of {limit.Date:yyyy-MM-dd} ({limit.Rule}).")]);
        var reference = proof.Reference is null ? "" : $", reference {proof.Reference}";
        return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label} with proof of timely submission: accepted {proof.AcceptedDate:yyyy-MM-dd} ({choice.Kind}).",
            [new Evidence("Proof of timely submission", true, $"Claim {proof.ClaimId} was accepted on {proof.AcceptedDate:yyyy-MM-dd} by {choice.Kind}{reference}, within the filing limit.{setAside}")],
            Enclosures: [$"{Capital(choice.Kind!)} dated {proof.AcceptedDate:yyyy-MM-dd}{reference}"]);
    }

    /// <summary>
    /// A timely filing denial from a payer that was secondary for this claim (CLP02 2, a prior payer's OA-23 on it, or its
    /// coverage on file after another's): a secondary's limit often runs from the primary's remittance ("N days from the
    /// primary's EOB, whichever is later"), which no acknowledgment on file shows, so it is checked before anything is
    /// written off — within that window, the appeal encloses the primary's EOB.
    /// </summary>
    private static RuleOutcome? AsSecondary(DenialItem item, RuleContext ctx)
    {
        var why = ctx.Claim.Status == "2" ? "the payer processed the claim as secondary (CLP02 2)"
            : ctx.Claim.AllAdjustments.Any(a => a.Reason == "23") ? "a prior payer's adjudication is on the claim (CARC 23)"
            : ctx.ServiceDate(item) is { } dos && ctx.Records.Coverages.Any(c => ctx.IsThisPayer(c) && c.ActiveOn(dos) && c.Order > CoverageOrder.Primary)
                ? "this payer's coverage on file is not the primary"
                : null;
        if (why is null) return null;
        var window = ctx.Records.Payer?.SecondaryFilingDays is { } days
            ? $"the payer profile gives {days} days from the primary's remittance"
            : "the payer profile sets no window from the primary's remittance (secondary_filing_days): check the contract";
        return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Appeal,
            $"Check the primary's remittance date before writing off {item.Label}: this payer was secondary, and a secondary's limit often runs from it.",
            [new Evidence("Secondary claim", false,
                $"{Capital(why)}; {window}. When the claim reached this payer within that window of the primary's remittance, appeal enclosing the " +
                "primary's EOB (its date is the proof); only if it did not is the amount written off.")]);
    }

    /// <summary>
    /// Medicare (42 CFR 424.44): a late claim is written off, with no appeal rights. An acceptance that proves filing with
    /// the contractor within the 1-year limit shows the denial was the contractor's error: a coder requests a reopening
    /// (42 CFR 405.980) with that proof, on the reopening clock. The exceptions of 424.44(b) are named so the coder checks
    /// them before writing off.
    /// </summary>
    private static RuleOutcome Medicare(DenialItem item, RuleContext ctx, TimelyFilingProofs.Choice choice, Deadline? limit, string setAside)
    {
        const string exceptions = "The exceptions of 42 CFR 424.44(b) extend the limit: an administrative error by the contractor or CMS, retroactive Medicare entitlement, retroactive entitlement involving a state Medicaid agency's recoupment, retroactive disenrollment from Medicare Advantage or PACE";
        if (choice.Proof is { } timely && limit is not null && timely.AcceptedDate <= limit.Date)
        {
            var reference = timely.Reference is null ? "" : $", reference {timely.Reference}";
            return Reopening.Request(item, DenialCategory.TimelyFiling,
                new ClericalError("timely filing denial (CARC 29)", "the claim", "denied as filed after the limit",
                    $"processed as filed timely: accepted on {timely.AcceptedDate:yyyy-MM-dd}, within the limit of {limit.Date:yyyy-MM-dd}", $"the {choice.Kind} dated {timely.AcceptedDate:yyyy-MM-dd}{reference}")
                {
                    GoodCause = $"the contractor's own {choice.Kind} shows the claim accepted on {timely.AcceptedDate:yyyy-MM-dd}, within the filing limit of {limit.Date:yyyy-MM-dd} — an obvious error on the face of the evidence the contractor considered (42 CFR 405.986(a)(2))",
                },
                [new Evidence("Proof of timely submission", true, $"Claim {timely.ClaimId} was accepted on {timely.AcceptedDate:yyyy-MM-dd} by {choice.Kind}{reference}, within the filing limit of {limit.Date:yyyy-MM-dd} ({limit.Rule}): the timely filing denial is the contractor's error. A timely filing denial has no appeal rights, so ask for a reopening (42 CFR 405.980) enclosing the acceptance, within 1 year of the initial determination.")],
                [$"{Capital(choice.Kind!)} dated {timely.AcceptedDate:yyyy-MM-dd}{reference}"]);
        }
        if (RetroactiveCoverageEnd(item, ctx, choice) is { } exception) return exception;
        var proofNote = choice.Proof is { } late
            ? $" The first acceptance on file ({late.AcceptedDate:yyyy-MM-dd}) came after the filing limit."
            : " No acceptance by the contractor that proves filing is on file." + setAside;
        return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
            $"Write off {item.Label}: Medicare timely filing denials cannot be appealed, unless an exception of 42 CFR 424.44(b) applies.",
            [new Evidence("Medicare timely filing", false, "Medicare does not allow an appeal of a timely filing denial (no appeal rights); the amount is written off." + proofNote + $" {exceptions}: if one applies, request a reopening with its proof instead.")]);
    }

    /// <summary>
    /// 42 CFR 424.44(b)(3) and (4): when Medicaid recoups its payment after a retroactive Medicare entitlement, or a
    /// Medicare Advantage or PACE plan disenrolls the patient retroactively, the Medicare limit runs to the end of the 6th
    /// month after the month of the notice. The records show it as an acceptance of this claim by another payer whose
    /// coverage on file now ends before the service date: the claim went to that plan, and the plan's coverage was ended
    /// back past the service. The notice itself is not in the records, so a coder reviews it on the reopening clock; a
    /// write-off would lose money the regulation allows.
    /// </summary>
    private static RuleOutcome? RetroactiveCoverageEnd(DenialItem item, RuleContext ctx, TimelyFilingProofs.Choice choice)
    {
        if (ctx.ServiceDate(item) is not { } dos) return null;
        foreach (var other in choice.OtherPayers)
        {
            var ended = ctx.Records.Coverages.FirstOrDefault(c =>
                other.PayerId is not null && RuleContext.Ids.Equals(c.PayerId, other.PayerId) && c.PeriodEnd is { } end && end < dos);
            if (ended?.PeriodEnd is not { } endedOn) continue;
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Reopening,
                $"Review {item.Label} for a 42 CFR 424.44(b) exception: the claim was filed with payer {other.PayerId}, whose coverage on file now ends before the service date.",
                [new Evidence("Retroactive coverage change (42 CFR 424.44(b))", true,
                    $"Claim {other.ClaimId} was accepted on {other.AcceptedDate:yyyy-MM-dd} ({Source(other.Source)}) by payer {other.PayerId}, but the patient's coverage with {other.PayerId} on file ends {endedOn:yyyy-MM-dd}, before the service date {dos:yyyy-MM-dd}: " +
                    "that coverage was ended back past the service after the claim was filed with it. If the plan is a Medicare Advantage or PACE plan (retroactive disenrollment, 424.44(b)(4)) " +
                    "or a state Medicaid agency recouped its payment (424.44(b)(3)), the Medicare limit runs to the end of the 6th month after the month of the notice: request a reopening enclosing the notice and this acceptance. " +
                    "The notice is not in the records; check its date before writing off.")]);
        }
        return null;
    }
}
