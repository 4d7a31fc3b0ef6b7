using DenialPipeline.Codes;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// An appeal to a Medicare Advantage plan goes where the provider's contract status sends it:
/// <list type="bullet">
/// <item>non-contracted, a denial of payment: a reconsideration within the plan's window (65 days from the remittance
/// notice by default), with a signed Waiver of Liability holding the enrollee harmless whatever the outcome — without it
/// the plan dismisses the request (42 CFR 422.582; Medicare Managed Care Manual ch. 13 and the Parts C &amp; D appeals
/// guidance on non-contract providers);</item>
/// <item>non-contracted, the amount paid (less than Original Medicare would pay, or another service paid than billed): a
/// payment dispute with the plan, then CMS's Payment Dispute Resolution Contractor once the plan has denied it in writing —
/// not a reconsideration (42 CFR 422.214; CMS, "Provider Payment Dispute Resolution for Non-Contracted Providers");</item>
/// <item>contracted: the provider agreement's dispute process and window;</item>
/// <item>not on file: the evidence says what each status needs.</item>
/// </list>
/// </summary>
internal static class MedicareAdvantageRoute
{
    /// <summary>The check name of this step's evidence (replaced at a later appeal level).</summary>
    public const string Check = "Medicare Advantage route";

    public const string WaiverOfLiability = "Signed Waiver of Liability statement (the enrollee is held harmless whatever the outcome)";

    public static RuleOutcome Apply(RuleOutcome outcome, DenialItem item, RuleContext ctx)
    {
        if (outcome.Action != ResolutionAction.Appeal || ctx.PayerKind != PayerKind.MedicareAdvantage) return outcome;
        var contracted = ctx.Records.Payer?.Contracted;
        var amount = outcome.Category == DenialCategory.Contractual;
        return contracted switch
        {
            false when amount => outcome with
            {
                Conclusion = "Payment dispute (non-contracted provider): " + outcome.Conclusion,
                Evidence = [.. outcome.Evidence, new Evidence(Check, true,
                    $"Non-contracted provider, {item.Label} disputes the amount paid: a payment dispute with the plan (it must pay at least what Original " +
                    "Medicare would, 42 CFR 422.214), then CMS's Payment Dispute Resolution Contractor once the plan has denied the dispute in writing — " +
                    "not a reconsideration, and no Waiver of Liability.")],
            },
            false => outcome with
            {
                Conclusion = "Reconsideration (non-contracted provider, with a signed Waiver of Liability): " + outcome.Conclusion,
                Enclosures = [.. outcome.Enclosures ?? [], WaiverOfLiability],
                Evidence = [.. outcome.Evidence, new Evidence(Check, true,
                    "Non-contracted provider: a reconsideration of the denial of payment (42 CFR 422.582), which the plan reviews only with a signed " +
                    "Waiver of Liability holding the enrollee harmless whatever the outcome; without it the request is dismissed. An upheld " +
                    "reconsideration goes from the plan to the Independent Review Entity by itself (422.592).")],
            },
            true => outcome with
            {
                Evidence = [.. outcome.Evidence, new Evidence(Check, true,
                    "Contracted provider: the dispute follows the provider agreement's process and window (set the payer profile's appeal_window_days " +
                    "from it); the Part C reconsideration and Independent Review Entity route is the enrollee's and non-contracted providers'.")],
            },
            null => outcome with
            {
                Evidence = [.. outcome.Evidence, new Evidence(Check, false,
                    "Whether the practice is contracted with this plan is not on file (payer profile `contracted`): a contracted provider disputes " +
                    "under its agreement; a non-contracted one asks for a reconsideration with a signed Waiver of Liability, or disputes an amount " +
                    "through the plan and then CMS's Payment Dispute Resolution Contractor.")],
            },
        };
    }
}
