using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Bundling: a distinct-service modifier on the line or in the documentation unbundles the service; otherwise the bundling stands.</summary>
internal sealed class BundlingRule : IDenialRule
{
    private static readonly string[] DistinctModifiers = ["59", "XE", "XS", "XP", "XU"];

    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var dos = ctx.ServiceDate(item);
        var lineLabel = item.LineLabel;
        var procedure = item.Submitted?.Procedure ?? item.Line?.Procedure;
        var modifiers = item.Submitted?.Modifiers ?? item.Line?.Modifiers ?? [];
        var distinctModifier = modifiers.FirstOrDefault(m => DistinctModifiers.Contains(m, RuleContext.Ids));
        if (distinctModifier is not null)
            return new RuleOutcome(DenialCategory.Bundling, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: {lineLabel} already carried modifier {distinctModifier} marking it distinct.",
                [new Evidence("Distinct-service modifier", true, $"{lineLabel} was billed with modifier {distinctModifier}; the appeal shows from the documentation why the service was separate.")],
                Enclosures: ["Documentation showing the separate session, site or practitioner"]);
        var encounter = dos is null ? null : ctx.Records.Encounters.FirstOrDefault(e => e.Covers(dos.Value) && e.DocumentationPresent);
        if (encounter is null)
            return new RuleOutcome(DenialCategory.Bundling, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider whether {lineLabel} was separate from the other services of {Date(dos)}: no documentation is on file ({item.Label}).",
                [new Evidence("Encounter documentation", false, $"No documented encounter is on file for {Date(dos)} to show whether {lineLabel} was distinct.")], Missing: ClaimElement.Modifier);
        var distinct = procedure is null ? null : encounter.DistinctServices.FirstOrDefault(d => RuleContext.Ids.Equals(d.Procedure, procedure));
        if (distinct is not null)
        {
            var modifier = distinct.Reason switch
            {
                DistinctReason.SeparateEncounter => "XE",
                DistinctReason.SeparateStructure => "XS",
                DistinctReason.SeparatePractitioner => "XP",
                DistinctReason.UnusualNonOverlapping => "XU",
                _ => "59",
            };
            return new RuleOutcome(DenialCategory.Bundling, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a corrected claim adding modifier {modifier} to {lineLabel}: the documentation shows it distinct ({Words(distinct.Reason)}).",
                [new Evidence("Distinct service documented", true, $"Encounter {encounter.Id} documents {procedure} as distinct ({Words(distinct.Reason)}), which modifier {modifier} reports.")],
                [$"Add modifier {modifier} to {lineLabel}"], Missing: ClaimElement.Modifier);
        }
        return new RuleOutcome(DenialCategory.Bundling, ResolutionAction.WriteOff, Clock.None,
            $"Accept the bundling of {lineLabel} ({item.Label}): the documentation does not show it as a distinct service.",
            [new Evidence("Distinct service documented", false, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} does not document {procedure ?? "the service"} as separate from the other services that day.")]);
    }
}
