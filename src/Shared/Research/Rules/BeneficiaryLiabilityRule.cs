using DenialPipeline.Codes;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// A medical-necessity denial under group PR (PR-50 and the like): who is liable follows the liability modifier on the
/// line. GA (an Advance Beneficiary Notice was given) lets the patient be billed; GZ (no ABN, denial expected) leaves
/// the provider liable; with neither, the patient may not be billed and the denial is worked as medical necessity.
/// Where an ABN log is imported, GA is checked against it, and a GZ line whose ABN is on file is appealed to carry GA
/// (<see cref="LiabilityNotice"/>).
/// Source: Medicare Claims Processing Manual ch. 30 §50 (ABN) and §90 (GA/GZ); DOMAIN.md "Who may be billed".
/// </summary>
internal sealed class BeneficiaryLiabilityRule(IDenialRule medicalNecessity) : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var modifiers = LiabilityNotice.Modifiers(item);
        if (modifiers.Contains("GA"))
        {
            // Where ABNs are kept here, GA alone is not enough: the patient is billed on a valid ABN only.
            if (LiabilityNotice.WithoutValidNotice(item, ctx) is { } unsupported) return unsupported;
            Evidence[] behind = LiabilityNotice.Behind(item, ctx) is { } b ? [b] : [];
            return new RuleOutcome(DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, Clock.None,
                $"Bill the patient {Money(item.Adjustment.Amount)} ({item.Label}): {item.LineLabel} carries modifier GA, an ABN was given.",
                [new Evidence("Liability modifier", true, $"{item.LineLabel} was billed with modifier GA (a signed Advance Beneficiary Notice is on file with the provider): the payer assigned the {item.Label} amount to the patient, who may be billed. Keep the signed ABN with the record."), .. behind]);
        }
        // GZ said no ABN was given; if one was after all, a redetermination replaces GZ with GA.
        if (modifiers.Contains("GZ") && LiabilityNotice.AddGa(item, ctx, []) is { } replaceGz) return replaceGz;
        if (modifiers.Contains("GZ"))
            return new RuleOutcome(DenialCategory.MedicalNecessity, ResolutionAction.WriteOff, Clock.None,
                $"Write off {item.Label}: {item.LineLabel} carries modifier GZ (no ABN was given), so the provider is liable and the patient may not be billed.",
                [new Evidence("Liability modifier", false, $"{item.LineLabel} was billed with modifier GZ: the provider expected the denial and gave no Advance Beneficiary Notice, so the patient may not be billed for {item.Label}.")]);
        var outcome = medicalNecessity.Evaluate(item, ctx);
        return outcome with
        {
            Evidence = [new Evidence("Liability modifier", false, $"{item.LineLabel} carries neither GA nor GZ: without an ABN (GA) the patient may not be billed for {item.Label}, whatever the group code."), .. outcome.Evidence],
        };
    }
}
