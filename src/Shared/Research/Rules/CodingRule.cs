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
        if (element is ClaimElement.Modifier && item.Submitted is { } s && item.Line is { } l && DroppedModifier(item, ctx, s, l, element) is { } dropped)
            return dropped;
        if (encounter is null)
            return new RuleOutcome(DenialCategory.Coding, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider to clarify the documentation for {lineLabel}: {item.Label} needs a coding review and no documentation is on file.",
                [new Evidence("Encounter documentation", false, $"No documented encounter is on file for {Date(dos)} to review the {Words(element)} against.")], Missing: element);
        if (element is ClaimElement.DiagnosisCode)
        {
            var onClaim = (item.Submitted?.DiagnosisCodes.Count > 0 ? item.Submitted.DiagnosisCodes : ctx.Records.Claim?.DiagnosisCodes) ?? [];
            var documented = encounter.DiagnosisCodes.Except(onClaim, RuleContext.Ids).ToList();
            if (documented.Count > 0)
            {
                var claimed = onClaim.Count == 0 ? "none" : string.Join(", ", onClaim);
                Evidence[] dx = [new Evidence("Diagnoses documented", true, $"Encounter {encounter.Id} documents diagnosis code(s) {string.Join(", ", documented)} that the claim did not carry (claim: {claimed}).")];
                if (Reopening.Applies(ctx, element))
                    return Reopening.Request(item, DenialCategory.Coding,
                        new ClericalError("diagnosis", lineLabel, claimed, string.Join(", ", onClaim.Concat(documented)), $"the diagnoses documented in encounter {encounter.Id} against the claim as submitted"),
                        dx, [.. encounter.Documents], element);
                return new RuleOutcome(DenialCategory.Coding, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                    $"Send a corrected claim adding diagnosis {string.Join(", ", documented)} documented on {encounter.Date:yyyy-MM-dd} ({item.Label}).",
                    dx, [$"Add diagnosis {string.Join(", ", documented)} and point {lineLabel} to it"], Missing: element);
            }
            return new RuleOutcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label} with the records: the claim's diagnoses are the ones documented on {encounter.Date:yyyy-MM-dd}.",
                [new Evidence("Diagnoses documented", true, $"Encounter {encounter.Id} documents the same diagnosis codes the claim carried ({string.Join(", ", onClaim)}).")],
                Enclosures: [.. encounter.Documents]);
        }
        Evidence[] documentedEncounter = [new Evidence("Encounter documentation", true, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} is documented: the {Words(element)} can be checked against it.")];
        // The records hold the value as billed but not the right one: the coder reads it from the documentation (never guessed).
        if (Reopening.Applies(ctx, element))
            return Reopening.Request(item, DenialCategory.Coding,
                new ClericalError(Words(element), lineLabel, AsBilled(element, item, ctx), null, $"CARC {item.Carc.Code} names the {Words(element)}; the documentation of encounter {encounter.Id} shows the right value"),
                documentedEncounter, [.. encounter.Documents], element);
        return new RuleOutcome(DenialCategory.Coding, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Review the {Words(element)} of {lineLabel} against the documentation of {encounter.Date:yyyy-MM-dd} and send a corrected claim ({item.Label}).",
            documentedEncounter, [$"Correct the {Words(element)} of {lineLabel} as documented"], Missing: element);
    }

    /// <summary>The value of a clerical field as billed on the line (the submitted line, else the remittance's); null when neither says.</summary>
    private static string? AsBilled(ClaimElement element, DenialItem item, RuleContext ctx) => element switch
    {
        ClaimElement.ProcedureCode => item.Submitted?.Procedure ?? item.Line?.Procedure,
        ClaimElement.Units => (item.Submitted?.Units ?? item.Line?.Units)?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        ClaimElement.PlaceOfService => item.Submitted?.PlaceOfService ?? ctx.Records.Claim?.PlaceOfService,
        ClaimElement.RenderingProviderNpi => ctx.Records.Claim?.RenderingNpi,
        ClaimElement.Modifier => (item.Submitted?.Modifiers ?? item.Line?.Modifiers) is { Count: > 0 } m ? string.Join(", ", m) : null,
        _ => null,
    };

    /// <summary>A modifier the claim carried and the payer processed the line without: reopening, redetermination or appeal.</summary>
    private static RuleOutcome? DroppedModifier(DenialItem item, RuleContext ctx, SubmittedLine s, X12.ServiceLine l, ClaimElement element)
    {
        var lineLabel = item.LineLabel;
        var dropped = s.Modifiers.Except(l.Modifiers, RuleContext.Ids).ToList();
        if (dropped.Count == 0) return null;
        var remitted = l.Modifiers.Count == 0 ? "none" : string.Join(", ", l.Modifiers);
        Evidence[] asSubmitted = [new Evidence("Modifiers as submitted", true, $"{lineLabel} was submitted with modifier(s) {string.Join(", ", s.Modifiers)}; the remittance shows {remitted}.")];
        if (ctx.PayerKind == PayerKind.Medicare && Reopening.NotReopenableModifier(dropped) is { } notReopenable)
            return new RuleOutcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
                $"Request a redetermination of {item.Label}: the MAC processed {lineLabel} without modifier {string.Join(", ", dropped)}, and modifier {notReopenable} is not restored by a reopening.",
                [.. asSubmitted, new Evidence("Reopening", false, $"MACs do not add or change modifier {notReopenable} by reopening (Noridian JF Part B \"Reopening\"; CGS \"Reopenings\": GA, GY, GZ, KX): the claim as submitted goes to redetermination with its documentation.")],
                Enclosures: ["Copy of the claim as submitted showing the modifier", "Documentation supporting the modifier"]);
        if (Reopening.Applies(ctx, ClaimElement.Modifier))
            return Reopening.Request(item, DenialCategory.Coding,
                new ClericalError("modifier", lineLabel, remitted, string.Join(", ", s.Modifiers), "the claim as submitted (837 SV1 modifiers) against the remittance's SVC01 modifiers")
                {
                    GoodCause = $"the claim the contractor processed carried modifier {string.Join(", ", dropped)} on {lineLabel}, and the contractor processed the line without it — an obvious error on the face of the evidence the contractor considered (42 CFR 405.986(a)(2))",
                },
                asSubmitted, ["Copy of the claim as submitted showing the modifier"], element);
        return new RuleOutcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label}: the payer processed {lineLabel} without modifier {string.Join(", ", dropped)} that the claim carried.",
            asSubmitted, Enclosures: ["Copy of the claim as submitted showing the modifier"]);
    }
}
