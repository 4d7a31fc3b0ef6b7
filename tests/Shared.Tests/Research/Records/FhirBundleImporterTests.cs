using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.Research.Records;

public sealed class FhirBundleImporterTests
{
    private static string Bundle(string name) => SharedCorpus.PathOf("fhir", name);

    [CorpusFact]
    public void Import_BusterHoegerBundle_GivesPatientClaimsEncountersAndContainedCoverage()
    {
        var path = Bundle("Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json");

        var result = FhirBundleImporter.Import(File.ReadAllText(path));

        var patient = Assert.Single(result.Patients);
        Assert.Equal("e4531916-b162-4f4b-90c2-ce37e132b8d4", patient.Id);
        Assert.Equal(new DateOnly(1988, 3, 16), patient.Identity.BirthDate);
        Assert.Equal(7, result.Claims.Count);
        Assert.Equal(6, result.Encounters.Count);
        // Every EOB contains the same "private" coverage: one record by deterministic key.
        var coverage = Assert.Single(result.Coverages);
        Assert.Equal("private", coverage.PayerId);
        Assert.Equal(CoverageOrder.Primary, coverage.Order);
        Assert.Equal(patient.Id, coverage.PatientId);
        // Encounter with a Condition has documentation; the 2016 one has a Procedure.
        var sinusitis = result.Encounters.Single(e => e.Id == "b4790f53-b023-4065-96a5-7b99116479b2");
        Assert.Equal(new DateOnly(1994, 9, 2), sinusitis.Date);
        Assert.True(sinusitis.DocumentationPresent);
        Assert.Contains(sinusitis.Documents, d => d.Contains("sinusitis", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("40055000", sinusitis.DiagnosisCodes);
        var claim = result.Claims.Single(c => c.ClaimId == "f5596efd-4bd9-4584-83fe-753bfacc206c");
        Assert.Equal(new DateOnly(1994, 9, 2), claim.ServiceDateStart);
        Assert.Equal(["40055000"], claim.DiagnosisCodes);
        Assert.Equal(2, claim.Lines.Count);
        Assert.Equal("private", claim.PayerName);
        Assert.Equal(new DateOnly(1988, 3, 16), claim.Patient.BirthDate);
        // No preAuthRef in Synthea claims: no authorizations.
        Assert.Empty(result.Authorizations);
        // Synthea's practitioner NPI "60" fails the check digit: rejected with its entry number, not imported.
        var rejection = Assert.Single(result.Rejections);
        Assert.Contains("NPI", rejection.Reason, StringComparison.Ordinal);
        Assert.True(rejection.Row > 0);
        Assert.Empty(result.Providers);
    }

    [CorpusFact]
    public void Import_ClementeKreigerBundle_GivesThreeClaimsAndEncounters()
    {
        var path = Bundle("Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json");

        var result = FhirBundleImporter.Import(File.ReadAllText(path));

        Assert.Single(result.Patients);
        Assert.Equal(3, result.Claims.Count);
        Assert.Equal(3, result.Encounters.Count);
        Assert.Single(result.Coverages);
        var withProcedure = result.Encounters.Single(e => e.Date == new DateOnly(2018, 9, 17));
        Assert.Contains("428191000124101", withProcedure.ProcedureCodes);
        Assert.All(result.Claims, c => Assert.NotEmpty(c.Lines));
    }

    [CorpusFact]
    public void Import_SameBundleTwice_GivesTheSameKeys()
    {
        var path = Bundle("Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json");
        var json = File.ReadAllText(path);

        var a = FhirBundleImporter.Import(json);
        var b = FhirBundleImporter.Import(json);

        Assert.Equal(a.Claims.Select(c => c.Key), b.Claims.Select(c => c.Key));
        Assert.Equal(a.Encounters.Select(c => c.Key), b.Encounters.Select(c => c.Key));
        Assert.Equal(a.Coverages.Select(c => c.Key), b.Coverages.Select(c => c.Key));
    }

    private const string AuthBundle = """
    {
      "resourceType": "Bundle", "type": "collection",
      "entry": [
        { "fullUrl": "urn:uuid:p1", "resource": { "resourceType": "Patient", "id": "p1", "name": [{ "family": "Doe", "given": ["Jan"] }], "birthDate": "1950-02-28" } },
        { "fullUrl": "urn:uuid:org1", "resource": { "resourceType": "Organization", "id": "org1", "name": "Acme Health" } },
        { "fullUrl": "urn:uuid:cov1", "resource": { "resourceType": "Coverage", "id": "cov1", "status": "active", "subscriberId": "M123",
            "beneficiary": { "reference": "urn:uuid:p1" }, "payor": [{ "reference": "urn:uuid:org1" }], "order": 2,
            "period": { "start": "2024-01-01", "end": "2024-12-31" } } },
        { "fullUrl": "urn:uuid:cov2", "resource": { "resourceType": "Coverage", "id": "cov2", "status": "active",
            "beneficiary": { "reference": "urn:uuid:p1" }, "payor": [{ "reference": "urn:uuid:org1" }], "order": 7 } },
        { "fullUrl": "urn:uuid:pr1", "resource": { "resourceType": "Practitioner", "id": "pr1",
            "identifier": [{ "system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893" }], "name": [{ "family": "Lee", "given": ["Ana"] }] } },
        { "fullUrl": "urn:uuid:c1", "resource": { "resourceType": "Claim", "id": "c1", "status": "active", "use": "claim",
            "type": { "coding": [{ "code": "professional" }] }, "created": "2024-03-05",
            "patient": { "reference": "urn:uuid:p1" }, "provider": { "reference": "urn:uuid:pr1" }, "priority": { "coding": [{ "code": "normal" }] },
            "billablePeriod": { "start": "2024-03-01", "end": "2024-03-01" },
            "insurance": [{ "sequence": 1, "focal": true, "coverage": { "reference": "urn:uuid:cov1" }, "preAuthRef": ["PA-778"] }],
            "item": [{ "sequence": 1, "productOrService": { "coding": [{ "system": "http://www.ama-assn.org/go/cpt", "code": "72148" }] },
                       "servicedDate": "2024-03-01", "net": { "value": 850.00, "currency": "USD" } }] } },
        { "fullUrl": "urn:uuid:e1", "resource": { "resourceType": "Encounter", "id": "e1", "status": "finished", "class": { "code": "AMB" } } }
      ]
    }
    """;

    [Fact]
    public void Import_ClaimWithPreAuthRef_GivesAuthorizationAndCoverageOrder()
    {
        var result = FhirBundleImporter.Import(AuthBundle);

        var auth = Assert.Single(result.Authorizations);
        Assert.Equal("PA-778", auth.Number);
        Assert.Equal("org1", auth.PayerId);
        Assert.Equal("M123", auth.MemberId);
        Assert.Equal(["72148"], auth.ProcedureCodes);
        Assert.True(auth.Covers(new DateOnly(2024, 3, 1)));

        var coverage = Assert.Single(result.Coverages);
        Assert.Equal(CoverageOrder.Secondary, coverage.Order);
        Assert.Equal("Acme Health", coverage.PayerName);
        Assert.Equal(new DateOnly(2024, 12, 31), coverage.PeriodEnd);

        var claim = Assert.Single(result.Claims);
        Assert.Equal("PA-778", claim.PriorAuthorizationNumber);
        Assert.Equal("1234567893", claim.BillingNpi);
        Assert.Equal(850.00m, claim.TotalCharge);
        Assert.Equal("1234567893", Assert.Single(result.Providers).Npi);

        // Coverage with order 7 (entry 4) and an Encounter without a period (entry 7) are rejected by entry number.
        Assert.Contains(result.Rejections, r => r.Row == 4 && r.Reason.Contains("order", StringComparison.Ordinal));
        Assert.Contains(result.Rejections, r => r.Row == 7 && r.Reason.Contains("period.start", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_NotABundle_IsRejectedNotThrown()
    {
        Assert.Single(FhirBundleImporter.Import("{ \"resourceType\": \"Patient\", \"id\": \"x\" }").Rejections);
        Assert.Single(FhirBundleImporter.Import("not json").Rejections);
    }
}
