using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Ingest;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// One patient across sources (issue 17 §1): the practice's 837 names a member id and the patient's name and birth date,
/// the EHR's FHIR transaction bundle holds the Patient (all its identifiers), its coverages (each with its own subscriber
/// id) and encounters, all pointing at the Patient by urn:uuid. Research must gather all of them, say how it tied them,
/// and never use an ambiguous tie. Each test has its own payer and patient.
/// </summary>
public sealed class PatientAcrossSourcesTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task MemberIdOnThePatient_FindsEveryCoverageWhateverItsSubscriberId_AndTheEncounter()
    {
        Now();
        await ImportAsync("a.837", File837("77701", "AMOS", "ALMA", "19610214", "MEM-A1", "A1"));
        await ImportAsync("a.json", Bundle([Patient("aaaa0001", "Amos", "Alma", "1961-02-14", ("MB", "MEM-A1"), ("MR", "MRN-A1"))],
            Coverage("aaaa0001", "c1", "Payer 77701", "MEM-A1", 1), Coverage("aaaa0001", "c2", "Other Plan", "OTHER-A9", 2), Encounter("aaaa0001", "e1", "2026-03-02")));
        var id = await IngestDeniedAsync("a-denied", "77701", "A1", "MEM-A1");

        var (snapshot, _) = await SnapshotAsync(id);

        Assert.Equal(PatientLinkMethod.MemberId, snapshot.PatientLink.Method);
        Assert.Equal(["urn-aaaa0001-p"], snapshot.PatientLink.PatientIds);
        Assert.Equal(["MEM-A1", "OTHER-A9"], snapshot.Coverages.Select(c => c.MemberId).Order());
        Assert.Equal("urn-aaaa0001-e1", Assert.Single(snapshot.Encounters).Id);
    }

    [Fact]
    public async Task BillOtherPayer_RunsOnTheOtherPayersOwnFilingLimit_FromItsProfile()
    {
        Now();
        await ImportAsync("h-payers.csv", "payer_id,name,kind\nMCARE-H,Medicare Part B,Medicare\n");
        await ImportAsync("h.837", File837("77709", "HALE", "HUGO", "19550704", "MEM-H1", "H1"));
        await ImportAsync("h.json", Bundle([Patient("hhhh0001", "Hale", "Hugo", "1955-07-04", ("MB", "MEM-H1"))],
            Coverage("hhhh0001", "c1", "MCARE-H", "1EG4TE5MK73", 1), Coverage("hhhh0001", "c2", "Payer 77709", "MEM-H1", 2)));
        var id = await IngestDeniedAsync("h-denied", "77709", "H1", "MEM-H1", carc: "22");

        var (snapshot, _) = await SnapshotAsync(id);
        Assert.Equal("MCARE-H", Assert.Single(snapshot.OtherPayerProfiles).PayerId);
        var research = await ResearchAsync(id);
        Assert.Equal(ResolutionAction.BillOtherPayer, research.Action);
        // Medicare, primary here, takes claims for one calendar year from the date of service (42 CFR 424.44), not 90 days.
        Assert.Equal(new DateOnly(2027, 3, 2), research.Deadline?.Date);
    }

    [Fact]
    public async Task NameAndBirthDateOnly_TiesThePatient_AndSaysSo()
    {
        Now();
        await ImportAsync("b.837", File837("77702", "BIRCH", "BELLA", "19720310", "MEM-B1", "B1"));
        await ImportAsync("b.json", Bundle([Patient("bbbb0001", "Birch", "Bella", "1972-03-10", ("MR", "MRN-B1"))],
            Coverage("bbbb0001", "c1", "Other Plan", "OTHER-B9", 2), Encounter("bbbb0001", "e1", "2026-03-02")));
        var id = await IngestDeniedAsync("b-denied", "77702", "B1", "MEM-B1");

        var (snapshot, _) = await SnapshotAsync(id);

        Assert.Equal(PatientLinkMethod.NameAndBirthDate, snapshot.PatientLink.Method);
        Assert.Contains("name and birth date only", snapshot.PatientLink.Explanation, StringComparison.Ordinal);
        Assert.Equal("OTHER-B9", Assert.Single(snapshot.Coverages).MemberId);
        Assert.Single(snapshot.Encounters);
    }

    [Fact]
    public async Task TwoPatientsWithTheSameNameAndBirthDate_NeitherIsUsed()
    {
        Now();
        await ImportAsync("c.837", File837("77703", "CRANE", "CORA", "19800101", "MEM-C1", "C1"));
        await ImportAsync("c.json", Bundle([Patient("cccc0001", "Crane", "Cora", "1980-01-01"), Patient("cccc0002", "Crane", "Cora", "1980-01-01")],
            Coverage("cccc0001", "c1", "Other Plan", "OTHER-C9", 1), Encounter("cccc0002", "e1", "2026-03-02")));
        var id = await IngestDeniedAsync("c-denied", "77703", "C1", "MEM-C1");

        var (snapshot, _) = await SnapshotAsync(id);

        Assert.Equal(PatientLinkMethod.Ambiguous, snapshot.PatientLink.Method);
        Assert.Equal(["urn-cccc0001-p", "urn-cccc0002-p"], snapshot.PatientLink.Candidates);
        Assert.Empty(snapshot.Coverages);
        Assert.Empty(snapshot.Encounters);
    }

    // ----- FHIR: a transaction bundle whose resources have no id and refer to each other by urn:uuid -----

    private static string Url(string patient, string suffix) => $"urn:uuid:urn-{patient}-{suffix}";

    private static string Patient(string p, string family, string given, string born, params (string Type, string Value)[] ids)
    {
        var identifiers = string.Join(",", ids.Select(i => $$"""{ "type": { "coding": [{ "code": "{{i.Type}}" }] }, "value": "{{i.Value}}" }"""));
        return $$"""
            { "fullUrl": "{{Url(p, "p")}}", "resource": { "resourceType": "Patient", "identifier": [{{identifiers}}],
              "name": [{ "family": "{{family}}", "given": ["{{given}}"] }], "birthDate": "{{born}}" }, "request": { "method": "POST", "url": "Patient" } }
            """;
    }

    private static string Coverage(string p, string suffix, string payer, string subscriberId, int order) => $$"""
        { "fullUrl": "{{Url(p, suffix)}}", "resource": { "resourceType": "Coverage", "status": "active", "subscriberId": "{{subscriberId}}", "order": {{order}},
          "beneficiary": { "reference": "{{Url(p, "p")}}" }, "payor": [{ "display": "{{payer}}" }], "period": { "start": "2026-01-01" } },
          "request": { "method": "POST", "url": "Coverage" } }
        """;

    private static string Encounter(string p, string suffix, string date) => $$"""
        { "fullUrl": "{{Url(p, suffix)}}", "resource": { "resourceType": "Encounter", "status": "finished", "class": { "code": "AMB" },
          "subject": { "reference": "{{Url(p, "p")}}" }, "period": { "start": "{{date}}" } }, "request": { "method": "POST", "url": "Encounter" } },
        { "fullUrl": "{{Url(p, suffix + "-dx")}}", "resource": { "resourceType": "Condition", "code": { "coding": [{ "code": "M54.50" }], "text": "Low back pain" },
          "subject": { "reference": "{{Url(p, "p")}}" }, "encounter": { "reference": "{{Url(p, suffix)}}" } }, "request": { "method": "POST", "url": "Condition" } }
        """;

    private static string Bundle(string[] patients, params string[] entries) =>
        "{ \"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [" + string.Join(",\n", patients.Concat(entries)) + "] }";

    // ----- X12 -----

    private void Now()
    {
        var now = new DateTimeOffset(2026, 3, 25, 10, 0, 0, TimeSpan.Zero);
        if (f.Time.GetUtcNow() < now) f.Time.SetUtcNow(now);
    }

    private async Task ImportAsync(string name, string text)
    {
        var (report, _, _) = await f.Get<RecordsImport>().ImportAsync(name, Encoding.UTF8.GetBytes(text));
        Assert.Empty(report.Rejections);
        Assert.True(report.Total > 0);
    }

    private async Task<string> IngestDeniedAsync(string name, string payer, string pcn, string member, string carc = "50")
    {
        var remit = Remit(payer, $"CLP*{pcn}*4*120*0*0*CI*ICN-{pcn}*11*1~\nNM1*QC*1*DOE*JANE****MI*{member}~\n" +
            $"SVC*HC:99213*120*0~\nDTM*472*20260302~\nCAS*CO*{carc}*120~\n");
        var drop = await f.Get<DropClient>().DropAsync(name + ".835", Encoding.ASCII.GetBytes(remit), enqueue: false);
        var file = await f.Get<IngestHandler>().IngestBlobAsync(drop.BlobName);
        Assert.Equal(0, file.ErrorCount);
        return (await f.Get<CaseStore>().ListAsync()).Single(c => c.PatientControlNumber == pcn && c.PayerId == payer).CaseId;
    }

    private async Task<(RecordsSnapshot Snapshot, ClaimMatch Match)> SnapshotAsync(string caseId)
    {
        var c = await f.Get<CaseStore>().GetAsync(caseId);
        var payload = RemittancePayload.FromBytes(c!.RemittancePayload)!;
        return await f.Get<RecordStore>().SnapshotAsync(payload.Transaction, payload.Claim);
    }

    internal async Task<ResearchResult> ResearchAsync(string caseId)
    {
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(caseId));
        var c = await f.Get<CaseStore>().GetAsync(caseId);
        return JsonSerializer.Deserialize<ResearchResult>(c!.ResearchJson!, MessageJson.Options)!;
    }

    private static string Remit(string payer, string claims)
    {
        const string date = "20260312";
        var body = $"ST*835*0001*005010X221A1~\nBPR*I*0*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*{date}~\n" +
            $"TRN*1*TR{payer}{date}*1512345678~\nDTM*405*{date}~\nN1*PR*PAYER {payer}*XV*{payer}~\nREF*2U*{payer}~\n" +
            "N1*PE*RIVERSIDE FAMILY CLINIC*XX*1234567893~\nLX*1~\n" + claims;
        var count = body.Split('~').Length;
        return "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC01       *260312*0930*^*00501*000000202*0*P*:~\n" +
            $"GS*HP*PAYER*CLINIC01*{date}*0930*202*X*005010X221A1~\n" + body + $"SE*{count}*0001~\nGE*1*202~\nIEA*1*000000202~\n";
    }

    private static string File837(string payer, string last, string first, string born, string member, string pcn)
    {
        var body = "ST*837*0001*005010X222A1~\nBHT*0019*00*0001*20260305*1200*CH~\nNM1*41*2*RIVERSIDE FAMILY CLINIC*****46*CLINIC01~\n" +
            "HL*1**20*1~\nNM1*85*2*RIVERSIDE FAMILY CLINIC*****XX*1234567893~\n" +
            $"HL*2*1*22*0~\nSBR*P*18*******CI~\nNM1*IL*1*{last}*{first}****MI*{member}~\nDMG*D8*{born}*F~\nNM1*PR*2*PAYER*****PI*{payer}~\n" +
            $"CLM*{pcn}*120***11:B:1*Y*A*Y*Y~\nHI*ABK:M5450~\nLX*1~\nSV1*HC:99213*120*UN*1***1~\nDTP*472*D8*20260302~\n";
        var count = body.Split('~').Length;
        return "ISA*00*          *00*          *ZZ*CLINIC01       *ZZ*CLEARINGHOUSE  *260305*1200*^*00501*000000901*0*P*:~\n" +
            $"GS*HC*CLINIC01*CLEARINGHOUSE*20260306*1200*{payer}*X*005010X222A1~\n" + body + $"SE*{count}*0001~\nGE*1*{payer}~\nIEA*1*000000901~\n";
    }
}
