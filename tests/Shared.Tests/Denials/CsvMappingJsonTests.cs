using DenialPipeline.Denials;

namespace DenialPipeline.Tests.Denials;

public sealed class CsvMappingJsonTests
{
    private const string Acme = """
        {
          "payer": "ACME portal", "payerId": "87726", "payerName": "ACME HEALTH PLAN",
          "delimiter": ";", "decimalSeparator": ",",
          "columns": { "patientControlNumber": "Patient Account #", "claimCharge": "Billed", "adjustmentCode": "CARC", "adjustmentAmount": "Denied Amount", "status": "Status" },
          "required": ["adjustmentCode", "adjustmentAmount"],
          "statusMap": { "DENIED": "4", "PAID": "1" },
          "defaultAdjustmentGroup": "co",
          "dateFormats": ["dd.MM.yyyy"]
        }
        """;

    [Fact]
    public void ReadsEveryField_AndRoundTripsThroughTheStoredForm()
    {
        var set = CsvMappingJson.Parse($$"""{ "csvMappings": [ {{Acme}} ] }""");
        Assert.Empty(set.Problems);
        var m = Assert.Single(set.Mappings);
        Assert.Equal(("ACME portal", "87726", "ACME HEALTH PLAN", ';', ','), (m.Payer, m.PayerId, m.PayerName, m.Delimiter, m.DecimalSeparator));
        Assert.Equal(("Patient Account #", "Billed", "CARC", "Denied Amount"), (m.PatientControlNumber, m.ClaimCharge, m.AdjustmentCode, m.AdjustmentAmount));
        Assert.Equal(["adjustmentCode", "adjustmentAmount"], m.Required);
        Assert.Equal(["Patient Account #", "CARC", "Denied Amount"], m.RequiredColumns().Select(c => c.Column));
        Assert.Equal("4", m.StatusMap["denied"]);
        Assert.Equal("CO", m.DefaultAdjustmentGroup);
        Assert.Equal(["dd.MM.yyyy"], m.DateFormats);

        var again = Assert.Single(CsvMappingJson.Parse(CsvMappingJson.ToJson(m)).Mappings);
        Assert.Equal(CsvMappingJson.ToJson(m), CsvMappingJson.ToJson(again));
        Assert.Equal(m.MappedColumns(), again.MappedColumns());
    }

    [Fact]
    public void EveryBadMapping_IsReportedWithItsIndexAndField_TheGoodOnesAreTaken()
    {
        var json = $$"""
            { "csvMappings": [
              {{Acme}},
              { "payer": "Broken one", "delimiter": ";;", "decimalSeparator": "·", "payerName": "X",
                "columns": { "claimCharges": "Billed", "claimPaid": 12 }, "required": ["remarkCodes"] },
              { "payer": "acme PORTAL", "payerId": "1", "columns": { "patientControlNumber": "PCN" } },
              { "payerId": "2", "claimCharge": "Billed", "columns": { "patientControlNumber": "PCN" }, "statusMap": { "Denied": "denied" },
                "dateFormats": ["yyyy"], "defaultAdjustmentGroup": "XX" },
              "not an object",
              { "payer": "Tab one", "payerName": "T", "delimiter": "\t", "columns": { "patientControlNumber": "PCN" } }
            ] }
            """;
        var set = CsvMappingJson.Parse(json);
        Assert.Equal(["ACME portal", "Tab one"], set.Mappings.Select(m => m.Payer));
        Assert.Equal('\t', set.Mappings[1].Delimiter);
        var fields = set.Problems.Select(p => (p.Index, p.Field)).ToList();
        Assert.Contains((2, "delimiter"), fields);
        Assert.Contains((2, "decimalSeparator"), fields);
        Assert.Contains((2, "columns.claimCharges"), fields);
        Assert.Contains((2, "columns.claimPaid"), fields);
        Assert.Contains((2, "columns.patientControlNumber"), fields);
        Assert.Contains((2, "required"), fields);
        Assert.Contains((3, "payer"), fields); // the same label as mapping 1, ignoring case
        Assert.Contains((4, "payer"), fields);
        Assert.Contains((4, "claimCharge"), fields); // a column outside "columns"
        Assert.Contains((4, "statusMap.Denied"), fields);
        Assert.Contains((4, "statusMap"), fields); // no status column to read it from
        Assert.Contains((4, "dateFormats"), fields);
        Assert.Contains((4, "defaultAdjustmentGroup"), fields);
        Assert.Contains((5, "(entry)"), fields);
        Assert.All(set.Problems.Where(p => p.Index == 2), p => Assert.Equal("Broken one", p.Mapping));
        Assert.StartsWith("mapping 2 ('Broken one'): columns.claimCharges: is not a column field", set.Problems.First(p => p.Field == "columns.claimCharges").ToString());
        Assert.Contains("columns go inside \"columns\"", set.Problems.Single(p => p.Field == "claimCharge").Message);
    }

    [Fact]
    public void AMappingNeedsAPayer_AndTheFileMustBeJson()
    {
        var noPayer = CsvMappingJson.Parse("""[{ "payer": "P", "columns": { "patientControlNumber": "PCN" } }]""");
        Assert.Contains(noPayer.Problems, p => p is { Index: 1, Field: "payerId" });
        Assert.Empty(CsvMappingJson.Parse("""[{ "payer": "P", "columns": { "patientControlNumber": "PCN", "payerName": "Payer" } }]""").Problems);

        var notJson = CsvMappingJson.Parse("{ \"csvMappings\": [ ");
        Assert.Empty(notJson.Mappings);
        Assert.Contains("not valid JSON", Assert.Single(notJson.Problems).Message, StringComparison.Ordinal);
        Assert.True(CsvMappingJson.LooksLikeMappings("{ \"csvMappings\": [] }"));
        Assert.False(CsvMappingJson.LooksLikeMappings("""[{ "payer_id": "1", "procedure": "99213", "rate": "10" }]"""));
    }

    [Fact]
    public void ShippedDefaults_AreValid_AndAnImportedMappingWithTheSameLabelReplacesOne()
    {
        var defaults = CsvMappingJson.Defaults;
        Assert.Equal(["Generic denial report", "Generic denial report (semicolon, decimal comma)"], defaults.Select(d => d.Payer));
        Assert.Equal((',', '.'), (defaults[0].Delimiter, defaults[0].DecimalSeparator));
        Assert.Equal((';', ','), (defaults[1].Delimiter, defaults[1].DecimalSeparator));
        Assert.Equal(["Patient Control Number", "Reason Code", "Adjustment Amount"], defaults[0].RequiredColumns().Select(c => c.Column));

        var mine = defaults[0] with { Payer = "GENERIC denial report", PayerId = "87726" };
        var all = CsvMappingJson.WithDefaults([mine]);
        Assert.Equal(["GENERIC denial report", "Generic denial report (semicolon, decimal comma)"], all.Select(m => m.Payer));
    }
}
