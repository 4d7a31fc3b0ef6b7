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
        if (InpatientStay(ctx) && outcome.Action is ResolutionAction.Appeal or ResolutionAction.ProviderQuery)
            outcome = outcome with { Evidence = [.. outcome.Evidence, InpatientStayEvidence] };
        if (outcome.Evidence.Any(e => e.Check == LiabilityNotice.Check) || LiabilityNotice.Note(item, ctx) is not { } note) return outcome;
        return outcome with { Evidence = [.. outcome.Evidence, note] };
    }

    /// <summary>
    /// An Original Medicare hospital inpatient (Part A) claim: an institutional claim (the 837I on file, or CLP06 MA) whose
    /// CLP08 is facility type 11 (type of bill 11x). On a professional claim CLP08 is the place of service, where 11 is an office.
    /// </summary>
    private static bool InpatientStay(RuleContext ctx) =>
        ctx.PayerKind == PayerKind.Medicare && ctx.Claim.FacilityType == "11" && (ctx.Records.Claim?.Institutional == true || ctx.Claim.FilingIndicator == "MA");

    /// <summary>What decides an inpatient stay denied as not reasonable and necessary, and the choice before appealing it.</summary>
    private static readonly Evidence InpatientStayEvidence = new("Inpatient stay", false,
        "Original Medicare inpatient claim (type of bill 11x) denied as not reasonable and necessary: argue the admission under the two-midnight " +
        "benchmark (42 CFR 412.3(d)(1): the admitting practitioner expected a stay across two midnights, shown by the order and the record) or " +
        "its case-by-case exception (412.3(d)(3)). Before appealing, weigh rebilling the Part B services of the stay on a 12x bill within a " +
        "year of the date of service (42 CFR 414.5): the rebill gives up the Part A appeal, so it is one or the other.");


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
