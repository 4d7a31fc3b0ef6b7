using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Timely filing: only this payer's earliest acceptance, within the limit, proves timely submission; Medicare timely filing has no appeal rights.</summary>
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
        if (ctx.PayerKind == PayerKind.Medicare)
        {
            var proofNote = proofs.Count > 0 ? $" Acceptance on {proofs[0].AcceptedDate:yyyy-MM-dd} ({Source(proofs[0].Source)}) is on file, but it does not reopen appeal rights." : "";
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: Medicare timely filing denials cannot be appealed.",
                [new Evidence("Medicare timely filing", proofs.Count > 0, "Medicare does not allow an appeal of a timely filing denial (no appeal rights); the amount is written off." + proofNote)]);
        }
        var dos = ctx.ServiceDate(item);
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
        if (dos is { } d)
        {
            var limit = Deadlines.TimelyFiling(d, ctx.PayerKind, ctx.Records.Payer, ctx.Today);
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
}
