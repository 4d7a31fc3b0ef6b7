using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.Research.Rules;
using DenialPipeline.X12;

namespace DenialPipeline.Research;

/// <summary>
/// A denial of a claim we already worked (the case continues an earlier one: <see cref="PriorAttempt"/>). A coder does
/// not repeat a step the payer has already answered with the same denial:
/// <list type="bullet">
/// <item>the payer maintains its decision with CARC 193 alone ("original payment decision is being maintained"): the
/// reason worked is the earlier remittance's, argued again at the next level against this decision;</item>
/// <item>a Medicare reopening (or an appeal) was answered and research would ask for a reopening again: the determination
/// after a reopening is appealable (42 CFR 405.984(a)) and an issue decided on appeal goes to the next level, so the
/// step is an appeal of this decision (a second reopening request of the same point would be refused, and the refusal
/// cannot be appealed: 405.980(a));</item>
/// <item>a corrected claim was sent and denied for the same reason: sending the same correction again will not change the
/// answer, so a coder looks at what the payer received first (ManualReview); denied as a duplicate, it was not taken as a
/// replacement (frequency 7 with REF*F8), which a coder checks rather than appeals (ManualReview).</item>
/// </list>
/// </summary>
public static class FollowUp
{
    /// <summary>CARC 193 (X12): "Original payment decision is being maintained. Upon review, it was determined that this claim was processed properly."</summary>
    public const string DecisionMaintained = "193";

    /// <summary>Decides the claim, taking what was already sent on the case it continues into account.</summary>
    public static ResearchResult Decide(DenialResearcher researcher, ClaimPayment claim, RemittanceTransaction tx, RecordsSnapshot records, PriorAttempt? prior)
    {
        ArgumentNullException.ThrowIfNull(researcher);
        ArgumentNullException.ThrowIfNull(claim);
        if (prior is null) return researcher.Decide(claim, tx, records);
        var result = MaintainedOnly(claim) is { } maintained && prior.Claim is { } earlier && MaintainedOnly(earlier) is null
            ? OnTheEarlierReason(researcher, claim, earlier, tx, records, prior, maintained)
            : researcher.Decide(claim, tx, records);

        if (result.Action == ResolutionAction.RequestReopening && prior.Action is ResolutionAction.RequestReopening or ResolutionAction.Appeal
            && string.Equals(prior.Reason, result.Reason, StringComparison.OrdinalIgnoreCase))
        {
            var withoutReopening = result with { ClericalError = null, Evidence = [.. result.Evidence.Where(e => e.Check != Reopening.Check)] };
            return NoAppealRights(result, claim) is { } why
                ? ToCoder(withoutReopening,
                    $"A {Step(prior.Action)} was sent on case {prior.CaseId} and the denial stands ({result.Group}-{result.Reason}), which has no appeal " +
                    $"rights ({why}): asking again to reopen the same point is refused. A coder decides — new evidence for another reopening, or a write-off.",
                    $"Review: the {Step(prior.Action)} sent on case {prior.CaseId} did not change the decision ({result.Group}-{result.Reason}), which cannot be appealed.")
                : researcher.AsAppeal(withoutReopening, claim, tx, records, Answered(prior, result),
                    $"Appeal: the {Step(prior.Action)} sent on case {prior.CaseId} did not change the decision ({result.Group}-{result.Reason}); appeal this determination.");
        }

        if (prior.Action == ResolutionAction.CorrectedClaim && result.Category == DenialCategory.Duplicate)
            return ToCoder(result,
                $"A corrected claim was sent on case {prior.CaseId} and the payer denied it as a duplicate ({result.Group}-{result.Reason}): it was " +
                "not taken as a replacement of the claim it corrects. Check that it carried frequency code 7 (CLM05-3) and the original claim's " +
                "payer claim number in REF*F8, then send it again as a replacement or call the payer — not an appeal of a duplicate.",
                $"Review: the corrected claim sent on case {prior.CaseId} was denied as a duplicate ({result.Group}-{result.Reason}); check it was sent as a replacement.");

        if (result.Action == ResolutionAction.CorrectedClaim && prior.Action == ResolutionAction.CorrectedClaim
            && string.Equals(prior.Reason, result.Reason, StringComparison.OrdinalIgnoreCase) && prior.Missing == result.MissingElement)
            return ToCoder(result with { Corrections = [] },
                $"A corrected claim was already sent on case {prior.CaseId} for the same reason ({prior.Group}-{prior.Reason}), and the payer denied " +
                "it again: sending the same correction again will not change the answer. Check what the payer received (frequency code 7 " +
                "with the original claim number in REF*F8, the corrected element itself) before correcting again, or appeal.",
                $"Review: the corrected claim sent on case {prior.CaseId} was denied for the same reason ({result.Group}-{result.Reason}).");
        return result;
    }

    /// <summary>The result handed to a coder: the step research would repeat is not taken, and the evidence says why.</summary>
    private static ResearchResult ToCoder(ResearchResult result, string why, string summary) => result with
    {
        Action = ResolutionAction.ManualReview,
        Evidence = [.. result.Evidence, new Evidence("Earlier step", false, why)],
        Summary = summary,
    };

    /// <summary>
    /// Why a denial has no appeal rights, so that a reopening answered with it is not turned into an appeal: a timely filing
    /// denial (CARC 29; 42 CFR 405.926), a remark that says so (N211), an unprocessable claim (MA130); null when it has them.
    /// </summary>
    private static string? NoAppealRights(ResearchResult result, ClaimPayment claim)
    {
        if (result.Reason == "29") return "a timely filing denial, 42 CFR 405.926";
        var remarks = claim.Remarks.Concat(claim.Lines.SelectMany(l => l.Remarks)).ToList();
        if (remarks.Contains("N211", StringComparer.OrdinalIgnoreCase)) return "remark N211";
        return remarks.Contains("MA130", StringComparer.OrdinalIgnoreCase) ? "an unprocessable claim, MA130" : null;
    }

    /// <summary>The amount of the claim's workable adjustments when every one of them is CARC 193; null otherwise.</summary>
    public static decimal? MaintainedOnly(ClaimPayment claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var total = 0m;
        var any = false;
        foreach (var a in claim.AllAdjustments)
        {
            if (a.Amount <= 0m || !DenialRules.IsWorkable(claim, a)) continue;
            if (a.Reason != DecisionMaintained) return null;
            (any, total) = (true, total + a.Amount);
        }
        return any ? total : null;
    }

    /// <summary>
    /// Decides on the earlier remittance's adjustments (the reason the payer maintained), under this remittance's date and
    /// claim number, with this remittance's amount in dispute.
    /// </summary>
    private static ResearchResult OnTheEarlierReason(DenialResearcher researcher, ClaimPayment claim, ClaimPayment earlier, RemittanceTransaction tx,
        RecordsSnapshot records, PriorAttempt prior, decimal maintained)
    {
        var basis = earlier with { PayerClaimControlNumber = claim.PayerClaimControlNumber ?? earlier.PayerClaimControlNumber };
        var decided = researcher.Decide(basis, tx, records);
        var why = new Evidence("Decision maintained", true,
            $"This remittance maintains the earlier decision (CARC {DecisionMaintained}: the payer found the claim processed properly) without " +
            $"restating its reason. The reason worked is the one case {prior.CaseId} worked ({decided.Group}-{decided.Reason}), argued again " +
            "against this decision, whose date starts the next clock.");
        return researcher.WithAmount(decided with { Evidence = [why, .. decided.Evidence] }, maintained);
    }

    private static Evidence Answered(PriorAttempt prior, ResearchResult result) => prior.Action == ResolutionAction.RequestReopening
        ? new Evidence("Earlier step", true,
            $"A reopening was requested on case {prior.CaseId}, and this remittance is the determination after it, still denying ({result.Group}-{result.Reason}). " +
            "Asking again to reopen the same point is not a path (a refusal to reopen cannot be appealed, 42 CFR 405.980(a)); a determination " +
            "revised on reopening is appealable like the first (405.984(a)), so the step is an appeal of this decision, on its clock.")
        : new Evidence("Earlier step", true,
            $"An appeal was filed on case {prior.CaseId} and the denial stands ({result.Group}-{result.Reason}). An issue decided on appeal is not " +
            "reopened as a clerical error while appeal rights remain (42 CFR 405.980(a)): the step is the next appeal level, on its clock.");

    private static string Step(ResolutionAction? action) => action == ResolutionAction.RequestReopening ? "reopening request" : "appeal";
}
