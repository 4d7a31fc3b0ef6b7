using DenialPipeline.Codes;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Patient share (deductible, coinsurance, copay): billed to the patient only under a group that allows it (PR); under
/// CO, OA or PI the patient may not be billed, so a coder decides.
/// </summary>
internal sealed class PatientResponsibilityRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx) =>
        item.Group.PatientMayBeBilled ? BillPatient(item, ctx) : NotPatientBillable(item);

    /// <summary>The patient's share under group PR: bill the patient the amount.</summary>
    public static RuleOutcome BillPatient(DenialItem item, RuleContext ctx) =>
        new(DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, Clock.None,
            $"Bill the patient {Money(item.Adjustment.Amount)} ({item.Label}: {item.Carc.Description})",
            item.Carc.Category == DenialCategory.NonCovered && ctx.PayerKind == Records.PayerKind.MedicareAdvantage
                ? [new Evidence("Group code", true, $"{item.Label} is patient responsibility: {ctx.Codes.Group("PR").WhoMayBeBilled}"), AdvantageEnrollee]
                : [new Evidence("Group code", true, $"{item.Label} is patient responsibility: {ctx.Codes.Group("PR").WhoMayBeBilled}")]);

    /// <summary>A service a Medicare Advantage plan does not cover, billed to its enrollee.</summary>
    private static readonly Evidence AdvantageEnrollee = new("Medicare Advantage enrollee", false,
        "Before billing a Medicare Advantage enrollee for a non-covered service: the enrollee may be billed when the plan denied the service " +
        "before it was furnished (an organization determination, its notice of denial given to the enrollee) or it is excluded by the plan's " +
        "evidence of coverage; a contracted provider that furnished it without that holds the enrollee harmless (42 CFR 422.504(g)(1); " +
        "Medicare Managed Care Manual ch. 4, plan-directed care).");

    /// <summary>A deductible/coinsurance/copay CARC under a group that forbids billing the patient (CO, OA, PI): a coder decides.</summary>
    private static RuleOutcome NotPatientBillable(DenialItem item) =>
        new(DenialCategory.PatientResponsibility, ResolutionAction.ManualReview, Clock.Appeal,
            $"Review {item.Label} by hand: the reason is a patient share, but group {item.Adjustment.Group} does not let the patient be billed.",
            [new Evidence("Group code", false, $"{item.Label} names a patient share ({item.Carc.Description}) under group {item.Adjustment.Group}, not PR: {item.Group.WhoMayBeBilled} Do not bill the patient without review; ask the payer whether it meant PR.")]);
}
