using System.Diagnostics;
using System.Text;
using CsCheck;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>
/// Bounded fuzzing of the 835 reader with CsCheck (fixed seed, shrinking): mutations of the shared corpus and of the
/// generator's output, and plain random bytes. Every input must give a typed result (claims, issues with positions inside
/// the input) — never an exception, a hang or memory out of proportion to the input.
/// <c>X12_FUZZ_ITERATIONS</c> raises the iteration count for a longer run (docs/benchmarks.md); <c>X12_FUZZ_SEED</c> replays one.
/// </summary>
public sealed class Remittance835FuzzTests
{
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("X12_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 1500;
    private static readonly string? Seed = Environment.GetEnvironmentVariable("X12_FUZZ_SEED") is { Length: > 0 } s ? s : "0000000000001";

    private static readonly Lazy<byte[][]> Sources = new(() =>
    {
        var list = new List<byte[]>();
        for (var i = 0; i < 6; i++)
            list.Add(Encoding.UTF8.GetBytes(Remittance835Writer.WriteToString(new Remittance835Generator(1000 + i).Generate(),
                new X12WriteOptions { LineBreak = i % 2 == 0 ? "\n" : "", Envelope = i % 3 != 0 })));
        if (SharedCorpus.Root is { } root && Directory.Exists(Path.Combine(root, "x12-835")))
            list.AddRange(Directory.GetFiles(Path.Combine(root, "x12-835")).Order(StringComparer.Ordinal)
                .Where(f => new FileInfo(f).Length < 64_000).Select(File.ReadAllBytes));
        return list.ToArray();
    });

    private static readonly byte[] Alphabet = "*:~^>|\r\n \t0123456789.-ISAGSTSECLPSVCCASPLBNM1REFDTMLXQC\u00EF\u00BB\u00BF"u8.ToArray();

    /// <summary>One edit: kind, where (a fraction of the length), how many bytes, and a byte.</summary>
    public readonly record struct Edit(int Kind, int At, int Length, byte Byte);

    private static readonly Gen<Edit> GenEdit = Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Int[1, 300], Gen.Byte,
        (k, at, len, b) => new Edit(k, at, len, b));

    internal static byte[] Apply(byte[] source, Edit[] edits)
    {
        var b = new List<byte>(source);
        foreach (var e in edits)
        {
            if (b.Count == 0) b.Add(e.Byte);
            var at = e.At % b.Count;
            switch (e.Kind)
            {
                case 0: b[at] = e.Byte; break;
                case 1: b[at] = Alphabet[e.Byte % Alphabet.Length]; break;
                case 2: b.RemoveRange(at, Math.Min(e.Length, b.Count - at)); break;
                case 3: b.InsertRange(at, Enumerable.Range(0, e.Length % 20 + 1).Select(i => Alphabet[(e.Byte + i * 7) % Alphabet.Length])); break;
                case 4: var len = Math.Min(e.Length, b.Count - at); b.InsertRange((at * 31 + e.Byte) % b.Count, b.GetRange(at, len)); break; // duplicate a span
                case 5: b.RemoveRange(at, b.Count - at); break; // truncate
                case 6: b.InsertRange(at, Enumerable.Repeat(e.Byte, e.Length * 50)); break; // a long run (over-long segment/element)
                default: b.InsertRange(at, Enumerable.Range(0, e.Length % 40 + 1).Select(i => (byte)(e.Byte ^ (i * 37)))); break;
            }
        }
        return b.ToArray();
    }

    /// <summary>Reads with a time box and an allocation budget; returns the file or fails the property.</summary>
    internal static RemittanceFile ReadBounded(byte[] bytes)
    {
        RemittanceFile? file = null;
        long allocated = 0;
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            using var ms = new MemoryStream(bytes);
            file = Remittance835Reader.Read(ms);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        if (!task.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException($"The reader did not finish a {bytes.Length}-byte input in 10 s.");
        task.GetAwaiter().GetResult(); // any exception surfaces here: the property fails
        Assert.True(allocated < 64L * 1024 * 1024 + 200L * bytes.Length, $"{allocated:N0} bytes allocated for a {bytes.Length:N0}-byte input");
        return file!;
    }

    private static void Check(byte[] bytes)
    {
        var file = ReadBounded(bytes);
        Assert.DoesNotContain(file.Issues, i => i.Code == X12IssueCodes.Internal);
        // Typed: every code is one of the documented list, every issue has a segment number and a byte offset inside the input.
        Assert.All(file.Issues, i => Assert.True(X12IssueCodes.All.ContainsKey(i.Code), $"undocumented issue code {i.Code}"));
        Assert.All(file.Issues, i => Assert.InRange(i.Position.SegmentIndex, 1, bytes.Length + 1));
        Assert.All(file.Issues, i => Assert.InRange(i.Position.ByteOffset, 0, bytes.Length));
        Assert.All(file.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
        Assert.All(file.Claims, c => Assert.NotNull(c.PatientControlNumber));
    }

    [Fact]
    public void MutatedCorpusAndGeneratedFiles_AlwaysGiveTypedResults()
    {
        var sources = Sources.Value;
        Gen.Select(Gen.Int[0, sources.Length - 1], GenEdit.Array[1, 6])
            .Sample((src, edits) => Check(Apply(sources[src], edits)), iter: Iterations, threads: 1, seed: Seed);
    }

    [Fact]
    public void RandomBytes_AlwaysGiveTypedResults() =>
        Gen.Byte.Array[0, 4096].Sample(Check, iter: Math.Max(200, Iterations / 3), threads: 1, seed: Seed);

    [Fact]
    public void RandomSegmentSoup_AlwaysGivesTypedResults()
    {
        string[] tags = ["ISA", "GS", "ST", "BPR", "TRN", "N1", "LX", "CLP", "CAS", "NM1", "SVC", "DTM", "REF", "AMT", "LQ", "PLB", "SE", "GE", "IEA", "MIA", "MOA"];
        var segment = Gen.Select(Gen.Int[0, tags.Length - 1], Gen.String[Gen.Char["0123456789.-ABCXYZ:^ "], 0, 12].Array[0, 8],
            (t, elements) => tags[t] + string.Concat(elements.Select(e => "*" + e)) + "~");
        segment.Array[0, 80].Select(s => Encoding.ASCII.GetBytes(string.Concat(s)))
            .Sample(Check, iter: Math.Max(200, Iterations / 3), threads: 1, seed: Seed);
    }

    [Fact]
    public void HugeSingleSegment_IsAnIssue_NotUnboundedMemory()
    {
        var bytes = Encoding.ASCII.GetBytes("ST*835*0001~CLP*" + new string('9', 3 << 20) + "*4*1*0~SE*3*0001~");
        var file = ReadBounded(bytes);
        Assert.NotEmpty(file.Issues);
    }
}
