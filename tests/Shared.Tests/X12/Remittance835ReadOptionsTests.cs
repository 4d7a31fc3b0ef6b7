using System.Text;
using System.Text.Json;
using CsCheck;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>
/// <see cref="Remittance835ReadOptions.SkipNamesAndReferences"/> leaves names and references out and changes nothing
/// else: on generated files, fuzzed ones and the shared corpus, the claims (names and references blanked on the full
/// read's side) and every issue are the same as the full read's.
/// </summary>
public sealed class Remittance835ReadOptionsTests
{
    private static readonly Remittance835ReadOptions Lean = new() { SkipNamesAndReferences = true };

    private static async Task<List<RemittanceEvent>> ReadAsync(byte[] bytes, Remittance835ReadOptions options)
    {
        var events = new List<RemittanceEvent>();
        await foreach (var e in Remittance835Reader.ReadAsync(new MemoryStream(bytes), options)) events.Add(e);
        return events;
    }

    // What the skipping read should give: the full read with exactly the skipped parts blanked.
    private static string Expected(RemittanceEvent e) => e switch
    {
        ClaimRead c => Json(c.Claim with
        {
            Patient = null, Insured = null, CorrectedInsured = null, RenderingProvider = null,
            References = X12Map<string>.Empty,
            Lines = c.Claim.Lines.Select(l => l with { References = X12Map<string>.Empty, LineControlNumber = null }).ToList(),
        }),
        _ => Json(e),
    };

    private static string Actual(RemittanceEvent e) => e is ClaimRead c ? Json(c.Claim with { Lines = c.Claim.Lines.ToList() }) : Json(e);

    private static string Json(object o) => JsonSerializer.Serialize(o, o.GetType());

    private static async Task AssertSameButNamesAndReferencesAsync(byte[] bytes)
    {
        var full = await ReadAsync(bytes, Remittance835ReadOptions.Full);
        var lean = await ReadAsync(bytes, Lean);
        Assert.Equal(full.Select(Expected), lean.Select(Actual));
        var claims = lean.OfType<ClaimRead>().Select(c => c.Claim).ToList();
        Assert.All(claims, c => Assert.True(c.Patient is null && c.References.Count == 0 && c.Lines.All(l => l.References.Count == 0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task GeneratedFiles_SameClaimsAndIssues_WithoutNamesOrReferences(int seed)
    {
        var file = new Remittance835Generator(seed, new Remittance835GeneratorOptions { Version4010 = seed == 3 }).Generate();
        var bytes = Encoding.UTF8.GetBytes(Remittance835Writer.WriteToString(file));
        var full = await ReadAsync(bytes, Remittance835ReadOptions.Full);
        Assert.Contains(full.OfType<ClaimRead>(), c => c.Claim.Patient is not null && c.Claim.References.Count > 0); // there was something to skip
        await AssertSameButNamesAndReferencesAsync(bytes);
    }

    [Fact]
    public async Task FuzzedFiles_SameIssuesAndValues()
    {
        var source = Encoding.UTF8.GetBytes(Remittance835Writer.WriteToString(new Remittance835Generator(77).Generate()));
        var edits = Gen.Select(Gen.Int[0, 7], Gen.Int[0, int.MaxValue], Gen.Int[1, 300], Gen.Byte, (k, at, len, b) => new Remittance835FuzzTests.Edit(k, at, len, b)).Array[1, 6];
        await edits.SampleAsync(async e => await AssertSameButNamesAndReferencesAsync(Remittance835FuzzTests.Apply(source, e)), iter: 200, seed: "0000000000022");
    }

    public static TheoryData<string> Files835 => SharedCorpus.ManifestData("x12-835");

    [CorpusTheory]
    [MemberData(nameof(Files835))]
    public async Task CorpusFiles_SameClaimsAndIssues(string name) =>
        await AssertSameButNamesAndReferencesAsync(File.ReadAllBytes(SharedCorpus.PathOf("x12-835", name)));
}
