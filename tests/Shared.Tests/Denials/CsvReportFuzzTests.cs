using System.Text;
using CsCheck;
using DenialPipeline.Denials;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.Denials;

/// <summary>
/// Whatever a portal exports — or whatever is dropped as a report — reading it never throws: the file is either refused
/// with a message (no mapping fits) or read into claims and issues that name their row. Fixed seed, bounded time.
/// </summary>
public sealed class CsvReportFuzzTests
{
    private const string Seed = "0000000000002";

    private static readonly string Header =
        "Patient Control Number,Payer Claim Number,Claim Status,Payer ID,Payer Name,Denial Date,Billed Amount,Paid Amount," +
        "Procedure Code,Modifiers,Line Billed Amount,Line Paid Amount,Units,Service Date,Group Code,Reason Code,Adjustment Amount,Remark Codes";

    private static async Task CheckAsync(byte[] bytes, string name)
    {
        using var stream = new MemoryStream(bytes);
        var mappings = CsvMappingJson.WithDefaults([]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await DenialFileReader.OpenAsync(stream, name, _ => Task.FromResult(mappings), cts.Token);
        if (read.Failure is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(read.Failure));
            return;
        }
        await foreach (var e in read.Events.WithCancellation(cts.Token))
        {
            switch (e)
            {
                case IssueFound { Issue: var i }:
                    Assert.False(string.IsNullOrWhiteSpace(i.Message));
                    Assert.NotEqual("X12-INTERNAL", i.Code);
                    if (read.Format == DenialFileFormat.CsvReport) Assert.True(i.Row is null or >= 1, $"row {i.Row}");
                    break;
                case ClaimRead { Claim: var c }:
                    Assert.NotNull(c.PatientControlNumber);
                    break;
            }
        }
    }

    private static readonly Gen<string> Cell = Gen.OneOf(
        Gen.String[Gen.Char["0123456789.,-$ "], 0, 10],
        Gen.String[Gen.Char["ABCXYZ019-;:|\"' \t"], 0, 8],
        Gen.String[Gen.Char.AlphaNumeric, 0, 12],
        Gen.Const("\"quoted, with comma\""), Gen.Const("\"unterminated"), Gen.Const("CO-197"), Gen.Const("2026-11-05"), Gen.Const("12,50"),
        Gen.Const("=HYPERLINK(\"x\")"), Gen.Const("Zoë Ñúñez"), Gen.Const(""));

    [Fact]
    public void RandomReportRows_UnderTheShippedHeader_AreReadOrRefused_NeverThrow()
    {
        var row = Cell.Array[0, 22].Select(cells => string.Join(",", cells));
        Gen.Select(row.Array[0, 30], Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r")))
            .Sample((rows, nl) => CheckAsync(Encoding.UTF8.GetBytes(Header + nl + string.Join(nl, rows)), "report.csv").GetAwaiter().GetResult(),
                iter: 600, threads: 1, seed: Seed);
    }

    [Fact]
    public void RandomBytes_NamedAsAReport_AreReadOrRefused_NeverThrow() =>
        Gen.Byte.Array[0, 2048].Sample(bytes => CheckAsync(bytes, "random.csv").GetAwaiter().GetResult(), iter: 400, threads: 1, seed: Seed);

    [Fact]
    public void MutatedHeaders_AreReadOrRefused_NeverThrow() =>
        Gen.Select(Gen.Int[0, Header.Length], Gen.Int[0, 20], Gen.String[Gen.Char["\",;\r\n\0 xyz"], 0, 4])
            .Sample((at, cut, insert) =>
            {
                var h = Header.Remove(at, Math.Min(cut, Header.Length - at)).Insert(at, insert);
                CheckAsync(Encoding.UTF8.GetBytes(h + "\nPCN1,ICN1,DENIED,87726,ACME,2026-11-05,100.00,0,99213,25,100.00,0,1,2026-11-01,CO,197,100.00,N54\n"), "h.csv")
                    .GetAwaiter().GetResult();
            }, iter: 400, threads: 1, seed: Seed);
}
