using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Which rule decides an item: one per denial category (the CARC → category mapping is data: Codes/Data/carc.csv).
/// To add a rule: write an <see cref="IDenialRule"/> in this folder and add its category to <see cref="Rules"/>.
/// </summary>
internal static class RuleBook
{
    private static readonly CoverageRule Coverage = new();
    private static readonly MedicalNecessityRule MedicalNecessity = new();
    private static readonly BeneficiaryLiabilityRule BeneficiaryLiability = new(MedicalNecessity);

    private static readonly IReadOnlyDictionary<DenialCategory, IDenialRule> Rules = new Dictionary<DenialCategory, IDenialRule>
    {
        [DenialCategory.Authorization] = new AuthorizationRule(),
        [DenialCategory.TimelyFiling] = new TimelyFilingRule(),
        [DenialCategory.MissingInformation] = new MissingInformationRule(),
        [DenialCategory.Duplicate] = new DuplicateRule(),
        [DenialCategory.Eligibility] = Coverage,
        [DenialCategory.CoordinationOfBenefits] = Coverage,
        [DenialCategory.MedicalNecessity] = MedicalNecessity,
        [DenialCategory.Coding] = new CodingRule(),
        [DenialCategory.Bundling] = new BundlingRule(),
        [DenialCategory.ProviderEnrollment] = new ProviderEnrollmentRule(),
        [DenialCategory.PatientResponsibility] = new PatientResponsibilityRule(),
        [DenialCategory.Contractual] = new ContractualRule(),
        [DenialCategory.NonCovered] = new NonCoveredRule(),
    };

    /// <summary>What applies to every rule's outcome, in this order: the next payer before the patient, a decision the payer
    /// says is not appealable, a Medicare Advantage plan's route, and the No Surprises Act.</summary>
    private static readonly Func<RuleOutcome, DenialItem, RuleContext, RuleOutcome>[] AfterTheRule =
        [NextPayerFirst.Apply, NotAppealable.Apply, MedicareAdvantageRoute.Apply, SurpriseBilling.Apply];

    /// <summary>
    /// The rule's outcome, then each step of <see cref="AfterTheRule"/>: a bill to the patient goes to the next payer first
    /// (<see cref="NextPayerFirst"/>), no appeal is drafted where the payer says none lies (<see cref="NotAppealable"/>), …
    /// </summary>
    public static RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var outcome = Decide(item, ctx);
        foreach (var step in AfterTheRule)
            outcome = step(outcome, item, ctx);
        // A Part A claim within timely filing: the correction is an adjustment bill (xx7), and the evidence says why not a reopening.
        return outcome.Action == ResolutionAction.CorrectedClaim && Reopening.AdjustmentBill(ctx)
            ? outcome with { Evidence = [.. outcome.Evidence, Reopening.AdjustmentBillEvidence] }
            : outcome;
    }

    private static RuleOutcome Decide(DenialItem item, RuleContext ctx)
    {
        if (!item.Carc.Known)
            return new RuleOutcome(DenialCategory.Other, ResolutionAction.ManualReview, Clock.Appeal,
                $"{item.Label} is not in the code book: review it by hand.",
                [new Evidence("Code book", false, $"CARC {item.Carc.Code} is unknown to the code book; no rule applies, so a coder decides.")]);

        // Under group PR a non-covered service is the patient's to pay, like a deductible.
        if (item.Group.Code.Code == "PR" && item.Carc.Category is DenialCategory.PatientResponsibility or DenialCategory.NonCovered)
            return PatientResponsibilityRule.BillPatient(item, ctx);

        // Under group PR a medical-necessity denial is the patient's only with an ABN (modifier GA).
        if (item.Group.Code.Code == "PR" && item.Carc.Category == DenialCategory.MedicalNecessity)
            return BeneficiaryLiability.Evaluate(item, ctx);

        // Original Medicare's review organization decided it: its own reconsideration, not the MAC's redetermination.
        if (item.Carc.Code.Code == QioReview.Carc && ctx.PayerKind == PayerKind.Medicare)
            return QioReview.Evaluate(item);

        return Rules.TryGetValue(item.Carc.Category, out var rule) ? rule.Evaluate(item, ctx) : UsualRoute(item);
    }

    /// <summary>The clock an action runs on when the rule has no more specific one.</summary>
    public static Clock ClockFor(ResolutionAction action) => action switch
    {
        ResolutionAction.CorrectedClaim or ResolutionAction.ProviderQuery => Clock.TimelyFiling,
        ResolutionAction.BillOtherPayer => Clock.OtherPayerFiling,
        ResolutionAction.Appeal or ResolutionAction.RequestRetroAuthorization or ResolutionAction.ManualReview => Clock.Appeal,
        ResolutionAction.RequestReopening => Clock.Reopening,
        _ => Clock.None,
    };

    /// <summary>A category no records check applies to: the code book's usual route.</summary>
    private static RuleOutcome UsualRoute(DenialItem item) =>
        new(item.Carc.Category, item.Carc.DefaultAction, ClockFor(item.Carc.DefaultAction),
            $"{item.Label}: {item.Carc.Description} Usual route: {Words(item.Carc.DefaultAction)}.",
            [new Evidence("Rule", false, $"No records check applies to {item.Label}; the code book's usual route is {Words(item.Carc.DefaultAction)}.")]);
}
