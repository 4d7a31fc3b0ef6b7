using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Timely filing: only this payer's earliest acceptance that proves filing (<see cref="TimelyFilingProofs"/>: a payer's
/// 277CA A2, a clearinghouse's only when the payer accepts those, never a 999), within the limit, proves timely
/// submission; Medicare timely filing has no appeal rights.
/// </summary>
internal sealed class TimelyFilingRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        // The same choice the letter cites: this payer's earliest acceptance that proves filing (not a 999, not a
        // clearinghouse's unless the payer profile accepts those).
        var choice = TimelyFilingProofs.Choose(ctx.Records.SubmissionProofs, [ctx.Claim.PatientControlNumber, ctx.Records.Claim?.ClaimId], ctx.PayerIds, ctx.Records.Payer);
        var setAside = string.Concat(choice.NotProof.Select(n => $" Not proof: the {Source(n.Proof.Source)} of {n.Proof.AcceptedDate:yyyy-MM-dd}, because {n.Why}."));
        if (ctx.PayerKind == PayerKind.Medicare)
        {
            var proofNote = choice.Proof is { } p ? $" Acceptance on {p.AcceptedDate:yyyy-MM-dd} ({choice.Kind}) is on file, but it does not reopen appeal rights." : "";
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: Medicare timely filing denials cannot be appealed.",
                [new Evidence("Medicare timely filing", choice.Proof is not null, "Medicare does not allow an appeal of a timely filing denial (no appeal rights); the amount is written off." + proofNote)]);
        }
        var dos = ctx.ServiceDate(item);
        if (choice.Proof is null && choice.OtherPayers.Count > 0)
        {
            var other = choice.OtherPayers[0];
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Appeal,
                $"Review {item.Label} by hand: the only acceptance on file is by payer {other.PayerId}, not this payer.",
                [new Evidence("Proof of timely submission", false, $"Claim {other.ClaimId} was accepted on {other.AcceptedDate:yyyy-MM-dd} ({Source(other.Source)}) by payer {other.PayerId}, not by this payer: that proves filing with another payer; check whether this payer accepts it before appealing or writing off.{setAside}")]);
        }
        if (choice.Proof is not { } proof)
            return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: no proof of timely submission to this payer is on file.",
                [new Evidence("Proof of timely submission", false, $"No acceptance of claim {ctx.Claim.PatientControlNumber} by this payer is on file.{setAside}")]);
        if (dos is { } d)
        {
            var limit = Deadlines.TimelyFiling(d, ctx.PayerKind, ctx.Records.Payer, ctx.Today);
            if (proof.AcceptedDate > limit.Date)
                return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                    $"Write off {item.Label}: the first acceptance on file came after the filing limit.",
                    [new Evidence("Proof of timely submission", false, $"The first acceptance on file is {proof.AcceptedDate:yyyy-MM-dd} ({choice.Kind}), after the filing limit of {limit.Date:yyyy-MM-dd} ({limit.Rule}).")]);
        }
        var reference = proof.Reference is null ? "" : $", reference {proof.Reference}";
        return new RuleOutcome(DenialCategory.TimelyFiling, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label} with proof of timely submission: accepted {proof.AcceptedDate:yyyy-MM-dd} ({choice.Kind}).",
            [new Evidence("Proof of timely submission", true, $"Claim {proof.ClaimId} was accepted on {proof.AcceptedDate:yyyy-MM-dd} by {choice.Kind}{reference}, within the filing limit.{setAside}")],
            Enclosures: [$"{Capital(choice.Kind!)} dated {proof.AcceptedDate:yyyy-MM-dd}{reference}"]);
    }
}
