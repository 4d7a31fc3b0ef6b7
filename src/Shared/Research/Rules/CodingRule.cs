using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Coding: a modifier the payer dropped is appealed; otherwise the code is checked against the documented encounter.</summary>
internal sealed class CodingRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var element = item.Carc.Element ?? ClaimElement.ProcedureCode;
        var dos = ctx.ServiceDate(item);
        var encounter = dos is null ? null : ctx.Records.Encounters.FirstOrDefault(e => e.Covers(dos.Value) && e.DocumentationPresent);
        var lineLabel = item.LineLabel;
        if (element is ClaimElement.Modifier && item.Submitted is { } s && item.Line is { } l)
        {
            var dropped = s.Modifiers.Except(l.Modifiers, RuleContext.Ids).ToList();
            if (dropped.Count > 0)
                return new RuleOutcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
                    $"Appeal {item.Label}: the payer processed {lineLabel} without modifier {string.Join(", ", dropped)} that the claim carried.",
                    [new Evidence("Modifiers as submitted", true, $"{lineLabel} was submitted with modifier(s) {string.Join(", ", s.Modifiers)}; the remittance shows {(l.Modifiers.Count == 0 ? "none" : string.Join(", ", l.Modifiers))}.")],
                    Enclosures: ["Copy of the claim as submitted showing the modifier"]);
        }
        if (encounter is null)
            return new RuleOutcome(DenialCategory.Coding, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider to clarify the documentation for {lineLabel}: {item.Label} needs a coding review and no documentation is on file.",
                [new Evidence("Encounter documentation", false, $"No documented encounter is on file for {Date(dos)} to review the {Words(element)} against.")], Missing: element);
        if (element is ClaimElement.DiagnosisCode)
        {
            var onClaim = (item.Submitted?.DiagnosisCodes.Count > 0 ? item.Submitted.DiagnosisCodes : ctx.Records.Claim?.DiagnosisCodes) ?? [];
            var documented = encounter.DiagnosisCodes.Except(onClaim, RuleContext.Ids).ToList();
            if (documented.Count > 0)
                return new RuleOutcome(DenialCategory.Coding, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                    $"Send a corrected claim adding diagnosis {string.Join(", ", documented)} documented on {encounter.Date:yyyy-MM-dd} ({item.Label}).",
                    [new Evidence("Diagnoses documented", true, $"Encounter {encounter.Id} documents diagnosis code(s) {string.Join(", ", documented)} that the claim did not carry (claim: {(onClaim.Count == 0 ? "none" : string.Join(", ", onClaim))}).")],
                    [$"Add diagnosis {string.Join(", ", documented)} and point {lineLabel} to it"], Missing: element);
            return new RuleOutcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label} with the records: the claim's diagnoses are the ones documented on {encounter.Date:yyyy-MM-dd}.",
                [new Evidence("Diagnoses documented", true, $"Encounter {encounter.Id} documents the same diagnosis codes the claim carried ({string.Join(", ", onClaim)}).")],
                Enclosures: [.. encounter.Documents]);
        }
        return new RuleOutcome(DenialCategory.Coding, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Review the {Words(element)} of {lineLabel} against the documentation of {encounter.Date:yyyy-MM-dd} and send a corrected claim ({item.Label}).",
            [new Evidence("Encounter documentation", true, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} is documented: the {Words(element)} can be checked against it.")],
            [$"Correct the {Words(element)} of {lineLabel} as documented"], Missing: element);
    }
}
