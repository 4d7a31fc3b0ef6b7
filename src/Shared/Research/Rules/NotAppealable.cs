using DenialPipeline.Codes;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// RARC N211 ("Alert: You may not appeal this decision"): the payer has said no appeal lies, so research never drafts
/// one; a coder chooses what is left (a corrected or new claim, a Medicare reopening for a clerical error, or writing
/// it off). X12 RARC list; for Medicare, decisions with no appeal rights are listed in 42 CFR 405.926.
/// </summary>
internal static class NotAppealable
{
    public static RuleOutcome Apply(RuleOutcome outcome, DenialItem item, RuleContext ctx)
    {
        if (outcome.Action != ResolutionAction.Appeal || !ctx.Remarks.Any(r => r.Code.Code == "N211")) return outcome;
        return outcome with
        {
            Action = ResolutionAction.ManualReview,
            Clock = Clock.TimelyFiling,
            Conclusion = $"Do not appeal {item.Label}: the payer says this decision may not be appealed (N211). Decide whether a corrected or new claim, a reopening, or a write-off is left.",
            Evidence = [.. outcome.Evidence, new Evidence("Appeal rights", false,
                $"Remark N211: the payer says {item.Label} may not be appealed, so no appeal letter is drafted (without it research would have concluded: {outcome.Conclusion}).")],
        };
    }
}
