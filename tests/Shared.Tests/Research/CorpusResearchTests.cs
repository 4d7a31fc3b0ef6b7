using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>Records imported from a corpus FHIR bundle, a denial built for one of its claims, matched and researched end to end.</summary>
public sealed class CorpusResearchTests
{
    [CorpusFact]
    public void FhirRecords_MedicalNecessityDenial_AppealsWithTheEncounterDocuments()
    {
        var imported = FhirBundleImporter.Import(File.ReadAllText(SharedCorpus.PathOf("fhir", "Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json")));
        var dos = new DateOnly(2016, 12, 14);
        var denied = Claim("e6523f7b-e5d4-4c44-bb2e-06a1d7c9c2e1", "4", 828.98m, 0m,
            [Line("428191000124101", 100m, 0m, dos, null, adjustments: [Cas("CO", "50", 100m)])], start: dos, icn: null);

        // The PCN above is not a claim id on file and the remittance names no patient: unmatched, never a guess.
        Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(denied, imported.Claims));

        var submitted = imported.Claims.Single(c => c.ServiceDateStart == dos);
        var remit = denied with { PatientControlNumber = submitted.ClaimId };
        var match = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(remit, imported.Claims));
        Assert.Equal(LineMatchMethod.ProcedureAndDate, Assert.Single(match.Lines).Method);

        var records = new RecordsSnapshot { Claim = match.Claim, Coverages = imported.Coverages, Encounters = imported.Encounters };
        var researcher = new DenialResearcher(CodeBook.LoadDefault(), new FakeTimeProvider(new DateTimeOffset(2017, 1, 20, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(remit, Tx(new DateOnly(2017, 1, 10)), records);

        Assert.Equal(DenialCategory.MedicalNecessity, result.Category);
        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Contains("Procedure: Documentation of current medications", result.Enclosures);
        Assert.Equal(new DateOnly(2017, 7, 9), result.Deadline!.Date); // commercial default: 180 days from 2017-01-10
        Assert.Equal(submitted.ClaimId, result.MatchedClaimId);
    }

    [Fact]
    public void Reversal_IsNoAction()
    {
        var claim = Claim("PCN1", "22", -100m, -80m, [Line("99213", -100m, -80m, new DateOnly(2025, 1, 2), null, adjustments: [Cas("CO", "45", -20m)])]);
        var result = new DenialResearcher(CodeBook.LoadDefault(), TimeProvider.System).Decide(claim, Tx(new DateOnly(2025, 2, 1)), RecordsSnapshot.Empty);
        Assert.Equal(ResolutionAction.NoAction, result.Action);
        Assert.Null(result.Deadline);
    }
}
