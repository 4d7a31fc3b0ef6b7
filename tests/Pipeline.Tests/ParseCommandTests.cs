using System.Text.Json;
using DenialPipeline.LocalHost;

namespace DenialPipeline.Pipeline.Tests;

/// <summary><c>parse</c> reads a CSV denial report like an 835 (same output shape), choosing the mapping as ingest does.</summary>
public sealed class ParseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parse-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ParseCommand.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private const string Generic =
        "Patient Control Number,Payer ID,Payer Name,Denial Date,Billed Amount,Paid Amount,Procedure Code,Line Billed Amount,Reason Code,Adjustment Amount,Remark Codes\n" +
        "PCN9001,87726,ACME HEALTH PLAN,2026-11-05,\"1,200.00\",0,99214,\"1,200.00\",197,\"1,200.00\",N54\n" +
        "PCN9002,87726,ACME HEALTH PLAN,2026-11-05,150.00,0,,,16,\"15,0\",\n";

    [Fact]
    public async Task CsvReport_Json_HasThe835Shape_WithRowsAndColumns()
    {
        var (code, output, _) = await RunAsync(Write("denials.csv", Generic), "--json");
        Assert.Equal(1, code); // an error in the file, as for an 835 with errors
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("Generic denial report", root.GetProperty("csvMapping").GetString());
        var tx = Assert.Single(root.GetProperty("transactions").EnumerateArray());
        Assert.Equal(("CSV", "87726", "ACME HEALTH PLAN"), (tx.GetProperty("controlNumber").GetString(),
            tx.GetProperty("payer").GetProperty("id").GetString(), tx.GetProperty("payer").GetProperty("name").GetString()));
        var claims = tx.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(["PCN9001", "PCN9002"], claims.Select(c => c.GetProperty("patientControlNumber").GetString()));
        Assert.Equal(1200m, claims[0].GetProperty("charge").GetDecimal());
        Assert.True(claims[0].GetProperty("denied").GetBoolean());
        var adjustment = Assert.Single(claims[0].GetProperty("lines")[0].GetProperty("adjustments").EnumerateArray());
        Assert.Equal(("CO", "197", 1200m), (adjustment.GetProperty("group").GetString(), adjustment.GetProperty("reason").GetString(), adjustment.GetProperty("amount").GetDecimal()));
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "Adjustment Amount", "CsvAmbiguousAmount"), (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(0, error.GetProperty("segmentIndex").GetInt64());
    }

    [Fact]
    public async Task CsvReport_Summary_AndAMappingFromAFile()
    {
        var (code, output, _) = await RunAsync(Write("denials.csv", Generic.Replace("\"15,0\"", "15.00", StringComparison.Ordinal)));
        Assert.Equal(0, code);
        Assert.Contains("CSV denial report (mapping 'Generic denial report') from ACME HEALTH PLAN (payer id 87726)", output, StringComparison.Ordinal);
        Assert.Contains("decided 2026-11-05 · 2 claims, 2 need work", output, StringComparison.Ordinal);
        Assert.Contains("CO-197 $1,200.00", output, StringComparison.Ordinal);

        // A layout no shipped mapping fits: an error naming the missing columns, until --mapping gives one.
        var report = Write("portal.csv", "Acct;CARC;Amt\nA1;CO-50;12,50\n");
        var (failed, _, err) = await RunAsync(report);
        Assert.Equal(1, failed);
        Assert.Contains("No CSV report mapping fits", err, StringComparison.Ordinal);
        var mapping = Write("portal.json", """
            { "csvMappings": [ { "payer": "Portal", "payerName": "PORTAL PLAN", "delimiter": ";", "decimalSeparator": ",",
              "columns": { "patientControlNumber": "Acct", "adjustmentCode": "CARC", "adjustmentAmount": "Amt" } } ] }
            """);
        (code, output, _) = await RunAsync(report, "--json", "--mapping", mapping);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("Portal", doc.RootElement.GetProperty("csvMapping").GetString());
        var claim = doc.RootElement.GetProperty("transactions")[0].GetProperty("claims")[0];
        Assert.Equal(12.50m, claim.GetProperty("adjustments")[0].GetProperty("amount").GetDecimal());

        var bad = Write("bad.json", """[{ "payer": "B", "payerName": "B", "decimalSeparator": ";", "columns": { "patientControlNumber": "Acct" } }]""");
        (code, _, err) = await RunAsync(report, "--mapping", bad);
        Assert.Equal(2, code);
        Assert.Contains("mapping 1 ('B'): decimalSeparator:", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An835_KeepsItsOutput()
    {
        var (code, output, _) = await RunAsync(Path.Combine(AppContext.BaseDirectory, "samples", "acme-health-2026-11-12-with-errors.835"), "--json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.TryGetProperty("csvMapping", out _));
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("segmentIndex").GetInt64() == 28);
        Assert.All(errors, e => Assert.False(e.TryGetProperty("row", out _)));
    }
}
