using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Medical necessity: the documented encounter and a letter of necessity argue the appeal; without documentation the
/// provider is asked. On Original Medicare a valid ABN on file for a line billed without GA comes first: a
/// redetermination adding GA moves the amount to the beneficiary (<see cref="LiabilityNotice"/>).
/// </summary>
internal sealed class MedicalNecessityRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var outcome = Decide(item, ctx);
        if (outcome.Evidence.Any(e => e.Check == LiabilityNotice.Check) || LiabilityNotice.Note(item, ctx) is not { } note) return outcome;
        return outcome with { Evidence = [.. outcome.Evidence, note] };
    }

    private static RuleOutcome Decide(DenialItem item, RuleContext ctx)
    {
        var dos = ctx.ServiceDate(item);
        var encounter = dos is null ? null : ctx.Records.Encounters.Where(e => e.Covers(dos.Value)).OrderByDescending(e => e.DocumentationPresent).FirstOrDefault();
        if (LiabilityNotice.AddGa(item, ctx, encounter is { DocumentationPresent: true } ? encounter.Documents : []) is { } addGa) return addGa;
        if (encounter is not { DocumentationPresent: true })
            return new RuleOutcome(DenialCategory.MedicalNecessity, ResolutionAction.ProviderQuery, Clock.Appeal,
                $"Ask the provider for the documentation of {Date(dos)}: an appeal of {item.Label} needs it and the chart has none on file.",
                [new Evidence("Encounter documentation", false, encounter is null
                    ? $"No encounter is on file for {Date(dos)}" + (ctx.Records.Encounters.Count == 0
                        ? ": no encounter records were imported for this patient, which does not mean the visit was not documented."
                        : $": {ctx.Records.Encounters.Count} encounter record(s) are on file for this patient, none on that date.")
                    : $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} has no documentation on file.")],
                Missing: null);
        var enclosures = new List<string>(encounter.Documents.Count > 0 ? encounter.Documents : ["Encounter documentation"]);
        enclosures.Add("Letter of medical necessity from the rendering provider");
        if (ctx.Remarks.Any(r => r.Code.Code == "N115")) enclosures.Add("The criteria of the Local Coverage Determination cited (N115), point by point");
        else if (ctx.Remarks.Any(r => r.Code.Code == "N386")) enclosures.Add("The criteria of the National Coverage Determination cited (N386), point by point");
        else enclosures.Add("The payer's medical policy criteria, point by point");
        var dx = ctx.Records.Claim?.DiagnosisCodes ?? [];
        var undocumented = encounter.DiagnosisCodes.Except(dx, RuleContext.Ids).ToList();
        var evidence = new List<Evidence>
        {
            new("Encounter documentation", true, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} has {encounter.Documents.Count} document(s) on file to enclose."),
        };
        if (dx.Count > 0 && undocumented.Count > 0)
            evidence.Add(new Evidence("Diagnoses", true, $"The encounter documents diagnosis code(s) {string.Join(", ", undocumented)} that the claim did not carry: review whether they support the service."));
        return new RuleOutcome(DenialCategory.MedicalNecessity, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label} with the encounter documentation of {encounter.Date:yyyy-MM-dd} and a letter of medical necessity.",
            evidence, Enclosures: enclosures);
    }
}
