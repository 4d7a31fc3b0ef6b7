using System.Diagnostics;
using System.Text;
using CsCheck;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>generate → write → read gives back the same model, over thousands of random remittances and layouts.</summary>
public sealed class Remittance835PropertyTests
{
    private static readonly (X12Separators Separators, string LineBreak)[] Layouts =
    [
        (new((byte)'*', (byte)':', (byte)'^', (byte)'~'), "\n"),
        (new((byte)'*', (byte)'>', (byte)'^', (byte)'~'), ""),
        (new((byte)'*', (byte)':', (byte)'^', (byte)'~'), "\r\n"),
        (new((byte)'|', (byte)'>', (byte)'^', (byte)'\n'), ""),
        (new((byte)'~', (byte)'^', (byte)'{', (byte)'_'), "\n"),
        (new((byte)'*', (byte)':', (byte)'^', (byte)'\r'), "\n"),
        (new((byte)'!', (byte)'\\', (byte)'`', (byte)'\''), "  \n"),
    ];

    // With an envelope the reader also gives the ISA06/GS02 sender ids the writer put there (X12WriteOptions.SenderId).
    private static RemittanceFile Expected(RemittanceFile generated, bool envelope) => envelope
        ? generated with
        {
            Transactions = generated.Transactions.Select(t => t with
            {
                Transaction = t.Transaction with { InterchangeSender = new X12WriteOptions().SenderId, GroupSender = new X12WriteOptions().SenderId },
            }).ToList(),
        }
        : generated with
        {
            Transactions = generated.Transactions.Select(t => t with
            {
                Transaction = t.Transaction with
                {
                    InterchangeControlNumber = null,
                    GroupControlNumber = null,
                    Version = t.Transaction.Version!.StartsWith("005010", StringComparison.Ordinal) ? t.Transaction.Version : null,
                },
            }).ToList(),
        };

    private static void RoundTrip(int seed, int layout, bool envelope, bool v4010, bool mia)
    {
        var generated = new Remittance835Generator(seed, new Remittance835GeneratorOptions { Version4010 = v4010 }).Generate();
        var (separators, lineBreak) = Layouts[layout];
        var options = new X12WriteOptions { Separators = separators, LineBreak = lineBreak, Envelope = envelope, InpatientRemarksInMia = mia };
        var text = Remittance835Writer.WriteToString(generated, options);
        var read = X12TestUtil.Read(text);
        Assert.True(read.Issues.Count == 0, X12TestUtil.Issues(read) + "\n" + text);
        var expected = Expected(generated, envelope);
        Assert.Equal(expected.Transactions.Count, read.Transactions.Count);
        for (var i = 0; i < expected.Transactions.Count; i++)
            Assert.Equal(X12TestUtil.Canon(expected.Transactions[i]), X12TestUtil.Canon(read.Transactions[i]));
        // And the file written back from what was read is byte-identical.
        Assert.Equal(text, Remittance835Writer.WriteToString(read, options));
    }

    [Fact]
    public void GenerateWriteRead_IsIdentity_Thousands() =>
        Gen.Select(Gen.Int, Gen.Int[0, Layouts.Length - 1], Gen.Bool, Gen.Int[0, 9], Gen.Bool)
            .Sample((seed, layout, envelope, v, mia) => RoundTrip(seed, layout, envelope, v == 0, mia), iter: 3000, threads: 1);

    [Theory]
    [InlineData(1, 0, true, false, false)]
    [InlineData(2, 3, false, false, true)]
    [InlineData(3, 4, true, true, true)]
    [InlineData(4, 5, true, false, false)]
    [InlineData(5, 6, false, true, false)]
    public void GenerateWriteRead_FixedCases(int seed, int layout, bool envelope, bool v4010, bool mia) => RoundTrip(seed, layout, envelope, v4010, mia);

    /// <summary>
    /// The round trip is only as good as what is generated: over the seeds the property samples, every shape the
    /// reader must handle appears, and the writer puts it in the file (CR in CAS01, remarks in MIA05 and MIA20+).
    /// </summary>
    [Fact]
    public void Generate_CoversEveryShape_AndTheWriterWritesIt()
    {
        int mixedCas = 0, fiveCas = 0, sixCas = 0, cr = 0, fiPayee = 0, revenueOnly = 0, miaWritten = 0, miaAndMoa = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            var v4010 = seed % 4 == 0;
            var file = new Remittance835Generator(seed, new Remittance835GeneratorOptions { Version4010 = v4010 }).Generate();
            var claims = file.Claims.ToList();
            mixedCas += claims.Count(c => c.Adjustments.Count > 0 && c.Lines.Any(l => l.Adjustments.Count > 0));
            fiPayee += file.Transactions.Count(t => t.Transaction.Payee is { IdQualifier: "FI" } p && p.TaxId == p.Id);
            revenueOnly += claims.SelectMany(c => c.Lines).Count(l => l is { ProcedureQualifier: null, Procedure: "", RevenueCode: not null });
            var text = Remittance835Writer.WriteToString(file, new X12WriteOptions { InpatientRemarksInMia = true, LineBreak = "\n" });
            var segments = text.Split('\n');
            // A fifth triplet puts a reason in CAS14, a sixth in CAS17 (trailing empty elements are not written).
            fiveCas += segments.Count(s => s.StartsWith("CAS*", StringComparison.Ordinal) && s.Split('*').Length is 16 or 17);
            sixCas += segments.Count(s => s.StartsWith("CAS*", StringComparison.Ordinal) && s.Split('*').Length >= 19);
            var crSegments = segments.Count(s => s.StartsWith("CAS*CR*", StringComparison.Ordinal));
            if (!v4010) Assert.Equal(0, crSegments); // CR is 4010 only
            cr += crSegments;
            miaWritten += segments.Count(s => s.StartsWith("MIA*0*", StringComparison.Ordinal));
            miaAndMoa += claims.Count(c => c.DrgCode is not null && c.Remarks.Count > 5);
        }
        Assert.True(mixedCas >= 20 && fiveCas >= 20 && sixCas >= 20 && cr >= 5 && fiPayee >= 20 && revenueOnly >= 20 && miaWritten >= 20 && miaAndMoa >= 5,
            $"mixed {mixedCas}, 5 triplets {fiveCas}, 6 triplets {sixCas}, CR {cr}, FI {fiPayee}, revenue-only {revenueOnly}, MIA {miaWritten}, MIA+MOA {miaAndMoa}");
    }

    [Theory]
    [InlineData("470", true, "MIA*0****MA01***************N1*N2*N3*N4~MOA***N5*N6~")]
    [InlineData("470", false, "MOA***MA01*N1*N2*N3*N4~MOA***N5*N6~")]
    [InlineData(null, true, "MOA***MA01*N1*N2*N3*N4~MOA***N5*N6~")] // no DRG: not inpatient, MOA only
    public void Writer_InpatientRemarks_MiaThenMoa_ReadBackInOrder(string? drg, bool mia, string expected)
    {
        var read = X12TestUtil.Read("ST*835*0001~BPR*I*10*C*CHK~N1*PR*PAYER~N1*PE*CLINIC*XX*1234567893~LX*1~CLP*PCN1*1*10*10~SE*7*0001~");
        var t = read.Transactions.Single();
        var claim = t.Claims.Single() with { DrgCode = drg, Remarks = ["MA01", "N1", "N2", "N3", "N4", "N5", "N6"] };
        var file = new RemittanceFile([t with { Claims = [claim] }], []);
        var text = Remittance835Writer.WriteToString(file, new X12WriteOptions { Envelope = false, LineBreak = "", InpatientRemarksInMia = mia });
        Assert.Contains("CLP*PCN1*1*10*10" + (drg is null ? "" : "*******" + drg) + "~" + expected + "SE*", text, StringComparison.Ordinal);
        var back = X12TestUtil.Read(text);
        Assert.Empty(back.Issues);
        Assert.Equal(claim.Remarks, back.Claims.Single().Remarks);
    }

    [Fact]
    public async Task Streaming_LargeGeneratedFile_TotalsMatchAndNoIssues()
    {
        using var ms = new MemoryStream();
        var totals = new Remittance835Generator(42).WriteLarge(ms, 2_000_000);
        Assert.True(totals.Bytes >= 2_000_000);
        ms.Position = 0;
        long claims = 0, lines = 0, issues = 0; var paid = 0m; var txs = 0;
        await foreach (var e in Remittance835Reader.ReadAsync(ms))
        {
            switch (e)
            {
                case ClaimRead c: claims++; lines += c.Claim.Lines.Count; paid += c.Claim.Paid; break;
                case TransactionEnded: txs++; break;
                case IssueFound: issues++; break;
            }
        }
        Assert.Equal((totals.Transactions, totals.Claims, totals.Lines, totals.TotalPaid, 0L), (txs, claims, lines, paid, issues));
    }

    /// <summary>Random mutations of valid files (and of the corpus) yield typed results and issues only: no exception, no internal error.</summary>
    [Fact]
    public void Mutations_NeverThrow_AndStayBounded()
    {
        var rng = new Random(20261126);
        var sources = new List<byte[]>();
        for (var i = 0; i < 6; i++)
            sources.Add(Encoding.UTF8.GetBytes(Remittance835Writer.WriteToString(new Remittance835Generator(i).Generate(),
                new X12WriteOptions { Separators = Layouts[i % Layouts.Length].Separators, LineBreak = Layouts[i % Layouts.Length].LineBreak, Envelope = i % 3 != 0 })));
        if (SharedCorpus.Root is { } root)
            sources.AddRange(Directory.GetFiles(Path.Combine(root, "x12-835")).Order(StringComparer.Ordinal).Where(f => new FileInfo(f).Length < 20_000).Select(File.ReadAllBytes));
        byte[] alphabet = "*:~^>|\r\n \t0123456789.-ISAGSTSECLPSVCCASPLB\u00EF\u00BB\u00BF"u8.ToArray();

        var sw = Stopwatch.StartNew();
        var runs = 0;
        while (runs < 3000 && sw.Elapsed < TimeSpan.FromSeconds(12))
        {
            var src = sources[rng.Next(sources.Count)];
            var bytes = Mutate(rng, src, alphabet);
            var file = X12TestUtil.Read(bytes);
            Assert.DoesNotContain(file.Issues, i => i.Code == "X12-INTERNAL");
            Assert.All(file.Issues, i => Assert.InRange(i.Position.ByteOffset, 0, bytes.Length));
            Assert.All(file.Claims, c => Assert.NotNull(c.PatientControlNumber));
            runs++;
        }
        Assert.True(runs >= 200, $"only {runs} mutations in the time box");
    }

    internal static byte[] Mutate(Random rng, byte[] src, byte[] alphabet)
    {
        var b = new List<byte>(src);
        var n = rng.Next(1, 6);
        for (var k = 0; k < n && b.Count > 0; k++)
        {
            var at = rng.Next(b.Count);
            switch (rng.Next(7))
            {
                case 0: b[at] = (byte)rng.Next(256); break;
                case 1: b[at] = alphabet[rng.Next(alphabet.Length)]; break;
                case 2: b.RemoveRange(at, Math.Min(rng.Next(1, 40), b.Count - at)); break;
                case 3: b.InsertRange(at, Enumerable.Range(0, rng.Next(1, 20)).Select(_ => alphabet[rng.Next(alphabet.Length)])); break;
                case 4: var len = Math.Min(rng.Next(1, 200), b.Count - at); b.InsertRange(rng.Next(b.Count), b.GetRange(at, len)); break;
                case 5: b.RemoveRange(at, b.Count - at); break; // truncate
                default: b.InsertRange(at, Enumerable.Range(0, rng.Next(1, 50)).Select(_ => (byte)rng.Next(256))); break;
            }
        }
        return b.ToArray();
    }
}

/// <summary>Live-memory measurements count every allocation in the process: this class runs with no other test beside it.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public sealed class Remittance835MemoryTests
{
    /// <summary>Streaming holds on to nothing: live managed memory stays flat while a generated 40 MB file is read.</summary>
    [Fact]
    public async Task Streaming_LiveMemoryDoesNotGrowWithTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"x12-stream-{Environment.ProcessId}.x12");
        try
        {
            GeneratedTotals totals;
            await using (var fs = File.Create(path)) totals = new Remittance835Generator(7).WriteLarge(fs, 40L * 1024 * 1024);
            long claims = 0, maxLive = 0;
            var samples = new List<long>();
            await using (var fs = File.OpenRead(path))
            {
                await foreach (var e in Remittance835Reader.ReadAsync(fs))
                {
                    if (e is not ClaimRead) continue;
                    if (++claims % 15000 == 0)
                    {
                        var live = GC.GetTotalMemory(forceFullCollection: true);
                        samples.Add(live);
                        maxLive = Math.Max(maxLive, live);
                    }
                }
            }
            Assert.Equal(totals.Claims, claims);
            Assert.True(samples.Count >= 4);
            // Live memory after a full collection: the reader's buffer and one transaction's state, not the file.
            Assert.True(samples[^1] - samples[0] < 4 * 1024 * 1024, string.Join(", ", samples));
            Assert.True(maxLive < 64L * 1024 * 1024, $"max live {maxLive}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
