using System.Text;
using DenialPipeline.Denials;
using DenialPipeline.LocalHost;
using DenialPipeline.X12;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// Issue #22: <c>parse --json</c> streams (<see cref="ParseJsonWriter"/>) yet prints exactly what the in-memory
/// document (<see cref="ParseJson.Serialize"/>) gives — compact by default, indented with <c>--pretty</c> — on generated
/// files, every 835 of ../shared/corpus (skipped without it) and a CSV report; <c>--csv</c> gives a row per line; a CSV
/// report above its stated limit is refused with a clear error, one at the limit is read.
/// </summary>
public sealed class ParseCommandStreamingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parse-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(long maxCsvBytes, params string[] args)
    {
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var code = await ParseCommand.RunAsync(args, output, errors, default, maxCsvBytes);
        return (code, Encoding.UTF8.GetString(output.ToArray()), errors.ToString());
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) =>
        RunAsync(Ingest.IngestOptions.DefaultMaxCsvFileBytes, args);

    // The in-memory form as the command printed it before it streamed: read whole, serialized, one line.
    private static async Task<string> InMemoryAsync(string path, bool pretty)
    {
        await using var stream = File.OpenRead(path);
        IReadOnlyList<CsvDenialMapping> mappings = CsvMappingJson.WithDefaults([]);
        var read = await DenialFileReader.OpenAsync(stream, Path.GetFileName(path), _ => Task.FromResult(mappings));
        var events = new List<RemittanceEvent>();
        await foreach (var e in read.Events) events.Add(e);
        return ParseJson.Serialize(Remittance835Reader.Collect(events), read.Mapping?.Payer, pretty) + Environment.NewLine;
    }

    private async Task AssertSameAsInMemoryAsync(string path)
    {
        Assert.Equal(await InMemoryAsync(path, pretty: false), (await RunAsync(path, "--json")).Out);
        Assert.Equal(await InMemoryAsync(path, pretty: true), (await RunAsync(path, "--json", "--pretty")).Out);
    }

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Json_Streamed_EqualsTheInMemoryDocument_OnGeneratedFiles(int seed)
    {
        // The generator's variety: reversals, denials, PLBs, several transactions, 4010 and 5010, claims without lines.
        var file = new Remittance835Generator(seed, new Remittance835GeneratorOptions { Version4010 = seed % 3 == 0, MaxClaimsPerTransaction = 40 }).Generate();
        var path = Path.Combine(_dir, $"gen-{seed}.835");
        File.WriteAllText(path, Remittance835Writer.WriteToString(file));
        await AssertSameAsInMemoryAsync(path);
    }

    [Fact]
    public async Task Json_Streamed_EqualsTheInMemoryDocument_OnALargeGeneratedFile_AndOneWithIssues()
    {
        var large = Path.Combine(_dir, "large.835");
        await using (var fs = File.Create(large)) new Remittance835Generator(seed: 22).WriteLarge(fs, 2L << 20);
        await AssertSameAsInMemoryAsync(large);

        // Warnings and errors (bad numbers, unbalanced claims, SE01, a PLB) with names to escape: the issue arrays too.
        var bad = Path.Combine(_dir, "bad.835");
        File.WriteAllText(bad, Remittance835Writer.WriteToString(new Remittance835Generator(9).Generate())
            .Replace("CLP*", "CLP*<&'\"é>", StringComparison.Ordinal).Replace("SE*", "SE*x", StringComparison.Ordinal) + "CAS*CO*97*x~\n");
        var (code, _, _) = await RunAsync(bad, "--json");
        Assert.Equal(1, code);
        await AssertSameAsInMemoryAsync(bad);
    }

    [Fact]
    public async Task Json_Streamed_EqualsTheInMemoryDocument_OnACsvReport()
    {
        var path = Path.Combine(_dir, "denials.csv");
        File.WriteAllText(path,
            "Patient Control Number,Payer ID,Payer Name,Denial Date,Billed Amount,Paid Amount,Procedure Code,Line Billed Amount,Reason Code,Adjustment Amount,Remark Codes\n" +
            "PCN9001,87726,ACME HEALTH PLAN,2026-11-05,\"1,200.00\",0,99214,\"1,200.00\",197,\"1,200.00\",N54\n" +
            "PCN9002,87726,ACME HEALTH PLAN,2026-11-05,150.00,0,,,16,\"15,0\",\n");
        await AssertSameAsInMemoryAsync(path);
    }

    [Corpus835Theory]
    [MemberData(nameof(Corpus835.Files), MemberType = typeof(Corpus835))]
    public async Task Json_Streamed_EqualsTheInMemoryDocument_OnTheCorpus(string name) =>
        await AssertSameAsInMemoryAsync(Path.Combine(Corpus835.Directory!, name));

    [Fact]
    public async Task Csv_OneRowPerLine_ClaimColumnsRepeated_IssuesOnTheErrorOutput()
    {
        var file = new Remittance835Generator(3, new Remittance835GeneratorOptions { MaxClaimsPerTransaction = 20 }).Generate();
        var path = Path.Combine(_dir, "gen.835");
        File.WriteAllText(path, Remittance835Writer.WriteToString(file) + "CAS*CO*97*x~\n");
        var (code, output, errors) = await RunAsync(path, "--csv");
        Assert.Equal(1, code);
        Assert.Contains("Error at segment", errors, StringComparison.Ordinal);
        var rows = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", ParseCsvWriter.Columns), rows[0]);
        var claims = file.Claims.ToList();
        Assert.Equal(claims.Sum(c => Math.Max(1, c.Lines.Count)), rows.Length - 1);
        var first = claims.First(c => c.Lines.Count > 0);
        var row = rows.First(r => r.Contains("," + first.PatientControlNumber + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(first.Charge.ToString(System.Globalization.CultureInfo.InvariantCulture), row[8]);
        Assert.Equal("1", row[15]);
        Assert.Equal(first.Lines[0].Procedure, row[16]);
    }

    [Fact]
    public async Task CsvReport_AtTheLimit_IsRead_OneByteOver_IsRefusedWithTheLimitNamed()
    {
        var path = Path.Combine(_dir, "denials.csv");
        File.WriteAllText(path,
            "Patient Control Number,Payer ID,Payer Name,Denial Date,Billed Amount,Paid Amount,Reason Code,Adjustment Amount\n" +
            "PCN9001,87726,ACME HEALTH PLAN,2026-11-05,100.00,0,197,100.00\n");
        var size = new FileInfo(path).Length;
        var (atLimit, output, _) = await RunAsync(size, path, "--json");
        Assert.Equal(0, atLimit);
        Assert.Contains("PCN9001", output, StringComparison.Ordinal);

        var (over, overOutput, errors) = await RunAsync(size - 1, path, "--json");
        Assert.Equal(1, over);
        Assert.Equal("", overOutput);
        Assert.Contains($"denials.csv is a CSV denial report of {size:N0} bytes, above the limit of {size - 1:N0} bytes", errors, StringComparison.Ordinal);
    }
}
