using System.Net;
using System.Text;
using System.Text.Json;
using DenialPipeline.Storage;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// CSV denial reports dropped like 835s: a payer's mapping imported like other reference data, the report's denied
/// claims opened as cases (and researched against the sample records like the same claims from an 835), bad rows shown
/// as file issues with their row and column while the other rows go through.
/// </summary>
public sealed class CsvReportIngestTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    // ACME's portal export: semicolon-delimited with decimal commas and day-first dates; the same claims as the sample ACME 835.
    private const string Mappings = """
        { "csvMappings": [
          { "payer": "ACME portal denials", "payerId": "87726", "payerName": "ACME HEALTH PLAN",
            "delimiter": ";", "decimalSeparator": ",",
            "columns": { "patientControlNumber": "Patient Account #", "payerClaimControlNumber": "Claim Number", "status": "Status",
                         "claimCharge": "Billed", "claimPaid": "Paid", "remittanceDate": "Processed",
                         "adjustmentCode": "CARC", "adjustmentAmount": "Denied Amount" },
            "required": ["adjustmentCode", "adjustmentAmount"],
            "statusMap": { "DENIED": "4", "PAID": "1" },
            "dateFormats": ["dd.MM.yyyy"] },
          { "payer": "Broken", "payerName": "X", "delimiter": ";;", "columns": { "patientControlNumber": "PCN", "claimCharges": "Billed" } }
        ] }
        """;

    private const string Report =
        "Patient Account #;Claim Number;Status;Billed;Paid;Processed;CARC;Denied Amount\r\n" +
        "PCN2001;ACME99001;DENIED;1.200,00;0;05.11.2026;CO-29;1.200,00\r\n" +
        "PCN2002;ACME99002;DENIED;150,00;0;05.11.2026;CO-18;150,00\r\n" +
        "PCN2003;ACME99003;DENIED;640,00;0;05.11.2026;CO-22;640.00\r\n" + // row 4: a decimal point in a decimal-comma report
        ";ACME99009;DENIED;10,00;0;05.11.2026;CO-16;10,00\r\n" +            // row 5: no patient control number
        "PCN2004;ACME99004;PAID;180,00;120,00;05.11.2026;PR-2;35,00\r\n" +
        "PCN2005;ACME99005;DENIED;900,00;0;05.11.2026;CO-197;900,00\r\n";

    private async Task<JsonElement> ImportAsync(string name, string content)
    {
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        var r = await pipeline.Http.PostAsync($"/api/records?name={name}", body);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task DroppedReport_DeniedClaimsBecomeCases_BadRowsAreFileIssuesWithTheirRow()
    {
        var import = await ImportAsync("acme-csv-mappings.json", Mappings);
        Assert.Equal("CSV report mappings JSON", import.GetProperty("format").GetString());
        Assert.Equal(1, import.GetProperty("stored").GetProperty("CsvMapping").GetInt32());
        var rejections = import.GetProperty("rejections").EnumerateArray().ToList();
        Assert.All(rejections, r => Assert.Equal(2, r.GetProperty("row").GetInt32()));
        Assert.Contains(rejections, r => r.GetProperty("reason").GetString()!.StartsWith("mapping 2 ('Broken'): delimiter:", StringComparison.Ordinal));
        Assert.Contains(rejections, r => r.GetProperty("reason").GetString()!.StartsWith("mapping 2 ('Broken'): columns.claimCharges:", StringComparison.Ordinal));

        var drop = await pipeline.DropAsync("acme-denials-2026-11-05.csv", Report);
        var file = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            f => f.GetProperty("status").GetString() == "ProcessedWithErrors", "the report to be processed with errors");
        Assert.Equal("ACME portal denials", file.GetProperty("csvMapping").GetString());
        Assert.Equal((1, 5, 4), (file.GetProperty("transactions").GetInt32(), file.GetProperty("claimsRead").GetInt32(), file.GetProperty("deniedClaims").GetInt32()));
        var issues = file.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "Error" && i.GetProperty("row").GetInt64() == 4
            && i.GetProperty("column").GetString() == "Denied Amount" && i.GetProperty("code").GetString() == "CsvAmbiguousAmount"
            && i.GetProperty("claim").GetString() == "PCN2003");
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "Error" && i.GetProperty("row").GetInt64() == 5
            && i.GetProperty("column").GetString() == "Patient Account #");
        Assert.All(issues, i => Assert.Equal(0, i.GetProperty("segmentIndex").GetInt64()));
        Assert.DoesNotContain("640.00", file.ToString(), StringComparison.Ordinal);

        // Every denied row is a case with the report's amounts (decimal commas read as such) and CARCs, on the mapping's payer.
        var cases = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases?payer=87726"),
            c => c.GetArrayLength() == 4, "4 ACME cases from the report");
        var byPcn = cases.EnumerateArray().ToDictionary(c => c.GetProperty("patientControlNumber").GetString()!);
        Assert.Equal(["PCN2001", "PCN2002", "PCN2003", "PCN2005"], byPcn.Keys.Order());
        Assert.Equal((1200m, 1200m, "CO-29", "ACME HEALTH PLAN"), Figures(byPcn["PCN2001"]));
        Assert.Equal((150m, 150m, "CO-18", "ACME HEALTH PLAN"), Figures(byPcn["PCN2002"]));
        Assert.Equal((640m, 640m, "", "ACME HEALTH PLAN"), Figures(byPcn["PCN2003"])); // its adjustment's amount was not read: denied outright
        Assert.Equal((900m, 900m, "CO-197", "ACME HEALTH PLAN"), Figures(byPcn["PCN2005"]));

        // Downstream is unchanged: the cases are researched against the sample records like the 835's claims.
        var caseId = byPcn["PCN2005"].GetProperty("id").GetString()!;
        var researched = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/cases/{caseId}"),
            c => c.GetProperty("case").GetProperty("status").GetString() is "Researched" or "Drafted", "the CO-197 case to be researched");
        Assert.Equal("Authorization", researched.GetProperty("case").GetProperty("category").GetString());
        Assert.Equal("PCN2005", researched.GetProperty("case").GetProperty("matchedClaimId").GetString());
        var opened = researched.GetProperty("history")[0];
        Assert.Equal(("Opened", $"Denied claim read from file {drop.FileId}, CSV report row 7."), (opened.GetProperty("event").GetString(), opened.GetProperty("detail").GetString()));
        Assert.Empty(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialFiles)));
    }

    [Fact]
    public async Task ReportNoMappingFits_IsFailedNamingTheMissingColumns_AndRetriedOnceAMappingIsImported()
    {
        const string report = "Acct;Payer Ref;Billed;CARC code;Amount\nX7001;R1;99,99;CO-16;99,99\n";
        var drop = await pipeline.DropAsync("portal-export.csv", report);
        var failed = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            f => f.GetProperty("status").GetString() == "Failed", "the unmapped report to fail");
        var reason = failed.GetProperty("failureReason").GetString()!;
        Assert.Contains("No CSV report mapping fits this file's header row", reason, StringComparison.Ordinal);
        // The closest mapping (the other test's ACME mapping when it ran first, else a shipped one) and the required columns it lacks.
        Assert.Matches(@"The closest, '[^']+', expects the column\(s\) '(Patient Account #|Patient Control Number)', ", reason);
        Assert.DoesNotContain("X7001", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("99,99", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(pipeline.LogLines, l => l.Contains("X7001", StringComparison.Ordinal));

        await ImportAsync("portal-mapping.json", """
            [{ "payer": "Portal export", "payerId": "77001", "payerName": "PORTAL PLAN", "delimiter": ";", "decimalSeparator": ",",
               "columns": { "patientControlNumber": "Acct", "claimCharge": "Billed", "adjustmentCode": "CARC code", "adjustmentAmount": "Amount" } }]
            """);
        var retry = await pipeline.Http.PostAsync($"/api/files/{drop.FileId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var file = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            f => f.GetProperty("status").GetString() == "Processed", "the retried report to be processed");
        Assert.Equal(("Portal export", 1), (file.GetProperty("csvMapping").GetString(), file.GetProperty("casesCreated").GetInt32()));
        var c = Assert.Single((await pipeline.GetJsonAsync("/api/cases?payer=77001")).EnumerateArray());
        Assert.Equal((99.99m, 99.99m, "CO-16", "PORTAL PLAN"), Figures(c));
    }

    [Fact]
    public async Task ShippedGenericMapping_ReadsAReport_NoImportNeeded_AnX12FileIsStillRead()
    {
        const string report =
            "Patient Control Number,Payer ID,Payer Name,Billed Amount,Paid Amount,Reason Code,Adjustment Amount,Remark Codes\n" +
            "G-1,66001,GENERIC PLAN,\"1,250.00\",0,50,\"1,250.00\",N115\n" +
            "G-2,66001,GENERIC PLAN,\"12,50\",0,16,\"12,50\",\n"; // a decimal comma in a decimal-point report: an issue, not 1250
        var drop = await pipeline.DropAsync("generic.txt", report);
        var file = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            f => f.GetProperty("status").GetString() == "ProcessedWithErrors", "the generic report");
        Assert.Equal("Generic denial report", file.GetProperty("csvMapping").GetString());
        Assert.Equal(2, file.GetProperty("issues").EnumerateArray().Count(i => i.GetProperty("row").GetInt64() == 3 && i.GetProperty("code").GetString() == "CsvAmbiguousAmount"));
        var cases = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases?payer=66001"), c => c.GetArrayLength() == 2, "2 generic cases");
        var g1 = cases.EnumerateArray().Single(c => c.GetProperty("patientControlNumber").GetString() == "G-1");
        Assert.Equal((1250m, 1250m, "CO-50", "GENERIC PLAN"), Figures(g1));
        var g2 = cases.EnumerateArray().Single(c => c.GetProperty("patientControlNumber").GetString() == "G-2");
        Assert.NotEqual(1250m, g2.GetProperty("charge").GetDecimal());

        // An 835 is still an 835 (and its issues keep their segment numbers, without row or column).
        var x12 = await pipeline.DropAsync("with-errors.835", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "acme-health-2026-11-12-with-errors.835")));
        var x12File = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{x12.FileId}"),
            f => f.GetProperty("status").GetString() == "ProcessedWithErrors", "the 835");
        Assert.False(x12File.TryGetProperty("csvMapping", out _));
        Assert.Contains(x12File.GetProperty("issues").EnumerateArray(), i => i.GetProperty("segmentIndex").GetInt64() == 28);
        Assert.All(x12File.GetProperty("issues").EnumerateArray(), i => Assert.False(i.TryGetProperty("row", out _) || i.TryGetProperty("column", out _)));
    }

    private static (decimal Charge, decimal Denied, string ReasonCodes, string PayerName) Figures(JsonElement c) =>
        (c.GetProperty("charge").GetDecimal(), c.GetProperty("denied").GetDecimal(), c.GetProperty("reasonCodes").GetString()!, c.GetProperty("payerName").GetString()!);
}
