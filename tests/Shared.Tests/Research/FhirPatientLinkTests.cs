using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// One patient across an EHR's FHIR transaction bundle: resources without ids, pointing at each other by urn:uuid fullUrls
/// (or Type/id, or an absolute URL), every identifier of the Patient kept, every Coverage whose beneficiary it is.
/// </summary>
public sealed class FhirPatientLinkTests
{
    private const string Transaction = """
    {
      "resourceType": "Bundle", "type": "transaction",
      "entry": [
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000001",
          "resource": { "resourceType": "Patient",
            "identifier": [
              { "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR" }] }, "system": "urn:oid:1.2.3.4", "value": "MRN-555" },
              { "system": "http://hl7.org/fhir/sid/us-mbi", "value": "1EG4-TE5-MK73" },
              { "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MB" }] }, "system": "urn:oid:9.9", "value": "MEM-F1" } ],
            "name": [{ "use": "official", "family": "Doe", "given": ["Jane"] }], "birthDate": "1950-02-28" },
          "request": { "method": "POST", "url": "Patient" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000002",
          "resource": { "resourceType": "Organization", "name": "Acme Health" }, "request": { "method": "POST", "url": "Organization" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000003",
          "resource": { "resourceType": "Practitioner", "identifier": [{ "system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893" }],
            "name": [{ "family": "Lee", "given": ["Ana"] }] }, "request": { "method": "POST", "url": "Practitioner" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000004",
          "resource": { "resourceType": "Coverage", "status": "active", "subscriberId": "MEM-F1", "order": 1,
            "beneficiary": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000001" },
            "payor": [{ "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000002" }], "period": { "start": "2026-01-01" } },
          "request": { "method": "POST", "url": "Coverage" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000005",
          "resource": { "resourceType": "Coverage", "status": "active", "subscriberId": "OTHER-9", "order": 2,
            "beneficiary": { "reference": "Patient/7d1c1a52-0001-4d0e-9c11-000000000001" },
            "payor": [{ "display": "Second Plan" }], "period": { "start": "2026-01-01" } },
          "request": { "method": "POST", "url": "Coverage" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000006",
          "resource": { "resourceType": "Encounter", "status": "finished", "class": { "code": "AMB" },
            "subject": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000001" },
            "participant": [{ "individual": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000003" } }],
            "period": { "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:30:00Z" } },
          "request": { "method": "POST", "url": "Encounter" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000007",
          "resource": { "resourceType": "Condition", "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.50" }], "text": "Low back pain" },
            "subject": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000001" },
            "encounter": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000006" } },
          "request": { "method": "POST", "url": "Condition" } },
        { "fullUrl": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000008",
          "resource": { "resourceType": "Claim", "status": "active", "use": "claim", "type": { "coding": [{ "code": "professional" }] }, "created": "2026-03-05",
            "identifier": [{ "value": "F-CLAIM-1" }],
            "patient": { "reference": "https://ehr.example.test/fhir/Patient/7d1c1a52-0001-4d0e-9c11-000000000001/_history/3" },
            "provider": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000003" }, "priority": { "coding": [{ "code": "normal" }] },
            "billablePeriod": { "start": "2026-03-02" },
            "insurance": [{ "sequence": 1, "focal": true, "coverage": { "reference": "urn:uuid:7d1c1a52-0001-4d0e-9c11-000000000004" } }],
            "item": [{ "sequence": 1, "productOrService": { "coding": [{ "code": "99213" }] }, "servicedDate": "2026-03-02", "net": { "value": 120.00 } }] },
          "request": { "method": "POST", "url": "Claim" } }
      ]
    }
    """;

    private const string PatientUuid = "7d1c1a52-0001-4d0e-9c11-000000000001";

    [Fact]
    public void Import_TransactionBundleWithoutIds_TiesEveryResourceToThePatientThroughItsFullUrl()
    {
        var result = FhirBundleImporter.Import(Transaction);

        Assert.Empty(result.Rejections);
        var patient = Assert.Single(result.Patients);
        Assert.Equal(PatientUuid, patient.Id);
        Assert.Equal("MRN-555", patient.MedicalRecordNumber);
        Assert.Equal(["MRN-555", "1EG4-TE5-MK73", "MEM-F1"], patient.Identifiers.Select(i => i.Value));
        Assert.Equal("MEM-F1", patient.Identity.MemberId);
        // Both coverages, whatever their subscriber id and however they name the beneficiary.
        Assert.Equal([("MEM-F1", CoverageOrder.Primary), ("OTHER-9", CoverageOrder.Secondary)],
            result.Coverages.OrderBy(c => c.Order).Select(c => (c.MemberId, c.Order)));
        Assert.All(result.Coverages, c => Assert.Equal(PatientUuid, c.PatientId));
        var encounter = Assert.Single(result.Encounters);
        Assert.Equal((PatientUuid, "1234567893", true), (encounter.PatientId, encounter.ProviderNpi, encounter.DocumentationPresent));
        Assert.Equal(["M54.50"], encounter.DiagnosisCodes);
        var claim = Assert.Single(result.Claims);
        Assert.Equal((PatientUuid, "MEM-F1", "1234567893"), (claim.PatientId, claim.Patient.MemberId, claim.BillingNpi));
    }

    [Fact]
    public void PatientIndexRows_HashEveryIdentifierAndNameWithBirthDate_WithoutPhiInKeys()
    {
        var patient = Assert.Single(FhirBundleImporter.Import(Transaction).Patients);

        var rows = RecordStore.PatientIndexRows(patient).ToList();

        Assert.Equal(4, rows.Count); // three identifiers (the member id among them) + name and birth date
        Assert.All(rows, r => Assert.Equal((RecordStore.PatientIndexKind, PatientUuid), (r.PartitionKey, r.PatientId)));
        Assert.All(rows, r => Assert.DoesNotContain("MEM", r.RowKey, StringComparison.OrdinalIgnoreCase));
        Assert.All(rows, r => Assert.DoesNotContain("DOE", r.RowKey, StringComparison.OrdinalIgnoreCase));
        // "1EG4TE5MK73" written without dashes finds the same row.
        var mbi = RecordStore.PatientIndexRows(patient with { Identifiers = [new PatientIdentifier(null, null, "1eg4te5mk73")], Identity = new() }).Single();
        Assert.Contains(rows, r => r.RowKey == mbi.RowKey);
    }

    [Fact]
    public void Linker_TwoPatientsWithTheSameNameAndBirthDate_IsAmbiguousAndUsesNeither()
    {
        var link = PatientLinker.Link(null, [], ["p-2", "p-1"], nameAndBirthDateKnown: true);

        Assert.Equal(PatientLinkMethod.Ambiguous, link.Method);
        Assert.Empty(link.PatientIds);
        Assert.Equal(["p-1", "p-2"], link.Candidates);
        Assert.Contains("Ambiguous patient link", link.Explanation, StringComparison.Ordinal);
        Assert.Contains("None of their coverages, encounters or authorizations was used", link.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Linker_SaysHowTheRecordsWereTied()
    {
        Assert.Equal(PatientLinkMethod.SamePatientResource, PatientLinker.Link("p-1", [new PatientIdHit("p-9", "an identifier")], [], false).Method);
        var byMember = PatientLinker.Link(null, [new PatientIdHit("p-1", "an identifier"), new PatientIdHit("p-1", "the subscriber id of a Coverage")], [], false);
        Assert.Equal((PatientLinkMethod.MemberId, "p-1"), (byMember.Method, Assert.Single(byMember.PatientIds)));
        Assert.Contains("same member id", byMember.Explanation, StringComparison.Ordinal);
        Assert.Equal(PatientLinkMethod.Ambiguous, PatientLinker.Link(null, [new PatientIdHit("p-1", "an identifier"), new PatientIdHit("p-2", "an identifier")], [], false).Method);
        var byName = PatientLinker.Link(null, [], ["p-3"], true);
        Assert.Equal(PatientLinkMethod.NameAndBirthDate, byName.Method);
        Assert.Contains("name and birth date only", byName.Explanation, StringComparison.Ordinal);
        Assert.Equal(PatientLinkMethod.None, PatientLinker.Link(null, [], [], true).Method);
    }
}
