using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Timely filing: only this payer's earliest acceptance, within the limit, proves timely submission. Medicare timely
/// filing has no appeal rights: written off unless the contractor accepted the claim in time (its error, fixed by a
/// reopening) or an exception of 42 CFR 424.44(b) applies.
/// </summary>
internal sealed class TimelyFilingRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var claimIds = new[] { ctx.Claim.PatientControlNumber, ctx.Records.Claim?.ClaimId }.Where(x => x is not null).ToHashSet(RuleContext.Ids);
        var payerIds = ctx.PayerIds;
        var forClaim = ctx.Records.SubmissionProofs.Where(p => claimIds.Contains(p.ClaimId)).OrderBy(p => p.AcceptedDate).ToList();
        // An acceptance by another payer proves the claim was filed there, not with this payer: it does not count here.
        var proofs = forClaim.Where(p => p.PayerId is null || payerIds.Count == 0 || payerIds.Contains(p.PayerId)).ToList();
        var elsewhere = forClaim.Except(proofs).ToList();
        var filingFrom = ctx.FilingDate(item);
        if (ctx.PayerKind == PayerKind.Medicare)
            return Medicare(item, ctx, proofs, filingFrom);
        if (proofs.Count == 0 && elsewhere.Count > 0)
        {
            var other = elsewhere[0];
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Appeal,
                $"Review {item.Label} by hand: the only acceptance on file is by payer {other.PayerId}, not this payer.",
                [new Evidence("Proof of timely submission", false, $"Claim {other.ClaimId} was accepted on {other.AcceptedDate:yyyy-MM-dd} ({Source(other.Source)}) by payer {other.PayerId}, not by this payer: that proves filing with another payer; check whether this payer accepts it before appealing or writing off.")]);
        }
        if (proofs.Count == 0)
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: no proof of timely submission is on file.",
                [new Evidence("Proof of timely submission", false, $"No 999/277CA acceptance or clearinghouse report is on file for claim {ctx.Claim.PatientControlNumber}.")]);
        var proof = proofs[0];
        if (filingFrom is { } from)
        {
            var limit = Deadlines.TimelyFiling(from.Date, ctx.PayerKind, ctx.Records.Payer, ctx.Today, throughDate: from.Through);
            if (proof.AcceptedDate > limit.Date)
                return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                    $"Write off {item.Label}: the first acceptance on file came after the filing limit.",
                    [new Evidence("Proof of timely submission", false, $"The first acceptance on file is {proof.AcceptedDate:yyyy-MM-dd} ({Source(proof.Source)}), after the filing limit of {limit.Date:yyyy-MM-dd} ({limit.Rule}).")]);
        }
        var reference = proof.Reference is null ? "" : $", reference {proof.Reference}";
        return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label} with proof of timely submission: accepted {proof.AcceptedDate:yyyy-MM-dd} ({Source(proof.Source)}).",
            [new Evidence("Proof of timely submission", true, $"Claim {proof.ClaimId} was accepted on {proof.AcceptedDate:yyyy-MM-dd} ({Source(proof.Source)}{reference}), within the filing limit.")],
            Enclosures: [$"{Source(proof.Source)} acceptance dated {proof.AcceptedDate:yyyy-MM-dd}{reference}"]);
    }

    /// <summary>
    /// Medicare (42 CFR 424.44): a late claim is written off, with no appeal rights. An acceptance by the contractor
    /// (277CA or clearinghouse report, not a 999, which proves syntax only) within the 1-year limit shows the denial was
    /// the contractor's error: a coder requests a reopening (42 CFR 405.980) with that proof, on the reopening clock.
    /// The exceptions of 424.44(b) are named so the coder checks them before writing off.
    /// </summary>
    private static RuleOutcome Medicare(DenialItem item, RuleContext ctx, List<SubmissionProof> proofs, (DateOnly Date, bool Through)? filingFrom)
    {
        const string exceptions = "The exceptions of 42 CFR 424.44(b) extend the limit: an administrative error by the contractor or CMS, retroactive Medicare entitlement, retroactive entitlement involving a state Medicaid agency's recoupment, retroactive disenrollment from Medicare Advantage or PACE";
        var limit = filingFrom is { } from ? Deadlines.TimelyFiling(from.Date, ctx.PayerKind, ctx.Records.Payer, ctx.Today, throughDate: from.Through) : null;
        var timely = proofs.FirstOrDefault(p => p.Source != ProofSource.Ack999 && (limit is null || p.AcceptedDate <= limit.Date));
        if (timely is not null && limit is not null)
        {
            var reference = timely.Reference is null ? "" : $", reference {timely.Reference}";
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Reopening,
                $"Request a reopening of {item.Label} (contractor error): the claim was accepted on {timely.AcceptedDate:yyyy-MM-dd}, within the Medicare filing limit of {limit.Date:yyyy-MM-dd}.",
                [new Evidence("Proof of timely submission", true, $"Claim {timely.ClaimId} was accepted on {timely.AcceptedDate:yyyy-MM-dd} ({Source(timely.Source)}{reference}), within the filing limit of {limit.Date:yyyy-MM-dd} ({limit.Rule}): the timely filing denial is the contractor's error. A timely filing denial has no appeal rights, so ask for a reopening (42 CFR 405.980) enclosing the acceptance, within 1 year of the initial determination.")],
                Enclosures: [$"{Source(timely.Source)} acceptance dated {timely.AcceptedDate:yyyy-MM-dd}{reference}"]);
        }
        var proofNote = proofs.Count == 0 ? " No acceptance by the contractor is on file."
            : proofs.All(p => p.Source == ProofSource.Ack999) ? $" The only acknowledgment on file is a 999 ({proofs[0].AcceptedDate:yyyy-MM-dd}), which proves the file's syntax, not the contractor's acceptance."
            : $" The first acceptance on file ({proofs[0].AcceptedDate:yyyy-MM-dd}) came after the filing limit.";
        return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
            $"Write off {item.Label}: Medicare timely filing denials cannot be appealed, unless an exception of 42 CFR 424.44(b) applies.",
            [new Evidence("Medicare timely filing", false, "Medicare does not allow an appeal of a timely filing denial (no appeal rights); the amount is written off." + proofNote + $" {exceptions}: if one applies, request a reopening with its proof instead.")]);
    }
}
