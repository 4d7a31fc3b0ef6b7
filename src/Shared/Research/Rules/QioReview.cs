using DenialPipeline.Codes;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// CARC 216 on Original Medicare: "based on the findings of a review organization" — a Quality Improvement Organization
/// (QIO) made the denial (a short inpatient stay, a DRG validation, a utilization review). A provider who disagrees asks
/// that QIO to reconsider (42 CFR 478.16, 478.18(b)) within 60 days of receiving its notice (478.20(a)); a DRG coding
/// change is reviewed on the same 60 days (478.15). The MAC's redetermination does not apply and its 120 days would be the
/// wrong clock. The QIO and its notice are not in the records, so a coder files it (ManualReview on the QIO's clock).
/// </summary>
internal static class QioReview
{
    public const string Carc = "216";

    public static RuleOutcome Evaluate(DenialItem item) =>
        new(item.Carc.Category, ResolutionAction.ManualReview, Clock.QioReconsideration,
            $"{item.Label}: a Medicare review organization (QIO) made this denial. Request a reconsideration from that QIO within 60 days " +
            "of its notice, with the medical record that supports the stay or the coding; not a redetermination by the MAC.",
            [new Evidence("Review organization", false,
                "Original Medicare, CARC 216: the QIO named on its notice of the initial denial determination reconsiders it (42 CFR 478.16, " +
                "478.18(b): the provider's written request goes to the QIO that decided), within 60 days after receipt of that notice (478.20(a)); " +
                "a change to the DRG's diagnosis or procedure codes is reviewed on the same terms (478.15). The QIO's notice is not in the records: " +
                "find it, check its date and whether it concerns the stay (inpatient vs outpatient) or the coding, then file. If this denial follows a " +
                "QIO reconsideration already asked for, the next step is a hearing before an administrative law judge where the amount allows " +
                "(42 CFR 478.40), not the QIC; a DRG validation review is final (478.15(c)).")]);
}
