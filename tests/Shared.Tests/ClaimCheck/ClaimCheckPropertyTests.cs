using System.Text;
using CsCheck;
using DenialPipeline.ClaimCheck;
using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>Property: the check never throws on any 837 the reader accepts (generated claims, and mutations of the sample batch).</summary>
public sealed class ClaimCheckPropertyTests
{
    private static readonly ClaimChecker Checker = new(ClaimCheckServiceCollectionExtensions.CreateRules(), Claims.Book);

    private static readonly CheckRecords Records = new()
    {
        Payers = new[] { Claims.Medicare, Claims.Acme, Claims.MaPlan }.ToDictionary(p => p.PayerId),
        Coverages = CheckRecords.ByMember([new Coverage { MemberId = "M1", PayerId = "87726", Order = CoverageOrder.Secondary }, new Coverage { MemberId = "M1", PayerId = "MA001" }], c => c.MemberId),
        Authorizations = CheckRecords.ByMember([new Authorization { Number = "A1", MemberId = "M1", ProcedureCodes = ["70553"], UnitsAuthorized = 0 }], a => a.MemberId),
        Learned = LearnedPatterns.Build(Enumerable.Range(0, 6).Select(i => new AdjudicatedLine($"C{i}", "87726", null, "99213", [], null, new DateOnly(2026, 9, 1), true, ["CO-4"])),
            new DateOnly(2026, 10, 15), new LearningOptions()),
    };

    private static readonly Gen<string> Element = Gen.OneOf(
        Gen.Const(""), Gen.String[Gen.Char["A-Z0-9:.-"], 0, 12], Gen.Int[0, 14].Select(i => new[] { "99213", "20610", "97110", "70553", "93000", "0", "-5", "1e9", "GP", "25", "S", "T", "P", "7", "8" }[i]));

    private static readonly Gen<string> Segment = Gen.OneOf(
        Gen.Select(Element, Element, Element, (a, b, c) => $"SV1*HC:{a}:{b}*{c}*UN*{b}*{a}**{c}"),
        Gen.Select(Element, e => $"DTP*472*D8*{(e.Length > 0 ? "2026" + e.PadLeft(4, '0')[..4] : "")}"),
        Gen.Select(Element, Element, (a, b) => $"CLM*{a}*{b}***{b}:B:{a}*Y*A*Y*Y"),
        Gen.Select(Element, e => $"HI*ABK:{e}"),
        Gen.Select(Element, e => $"SBR*{e}*18*******CI"),
        Gen.Select(Element, e => $"REF*G1*{e}"), Gen.Select(Element, e => $"REF*F8*{e}"),
        Gen.Select(Element, e => $"NM1*PR*2*ACME*****PI*{e}"), Gen.Select(Element, e => $"NM1*IL*1*X*Y****MI*{e}"),
        Gen.Select(Element, e => $"NM1*82*1*X*Y****XX*{e}"), Gen.Select(Element, e => $"NM1*85*{e}*X*****XX*1234567893"),
        Gen.Select(Element, e => $"AMT*D*{e}"), Gen.Const("LX*1"), Gen.Const("HL*2*1*22*0"));

    private static readonly Gen<string> File837 = Segment.Array[1, 40].Select(segs =>
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *261015*1200*^*00501*000000001*0*P*:~GS*HC*A*B*20261015*1200*1*X*005010X222A1~" +
        "ST*837*0001*005010X222A1~BHT*0019*00*1*20261015*1200*CH~HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~HL*2*1*22*0~SBR*P*18*******CI~" +
        "NM1*IL*1*DOE*J****MI*M1~NM1*PR*2*ACME*****PI*87726~CLM*C1*100***11:B:1*Y*A*Y*Y~HI*ABK:M542~" +
        string.Join("~", segs) + "~SE*10*0001~GE*1*1~IEA*1*000000001~");

    private static async Task CheckAllAsync(byte[] bytes)
    {
        var batch = new BatchIndex();
        await foreach (var item in ClaimCheckInput.ReadX12Async("gen.837", new MemoryStream(bytes)))
            if (item.Claim is not null)
            {
                var r = Checker.CheckInBatch(item.Claim, Records, new DateOnly(2026, 10, 15), batch);
                Assert.InRange(r.Risk, 0, 1);
                Assert.Contains(r.Status, new[] { "ready", "warn", "fix-first" });
                Assert.DoesNotContain(r.Findings, f => f.Evidence.Contains("could not run", StringComparison.Ordinal));
            }
    }

    [Fact]
    public void GeneratedClaims_NeverThrow_NoRuleFails() =>
        File837.Sample(text => CheckAllAsync(Encoding.ASCII.GetBytes(text)).GetAwaiter().GetResult(), iter: 300);

    [Fact]
    public void MutatedSampleBatch_NeverThrows()
    {
        var sample = File.ReadAllBytes(Path.Combine(SampleBatchTests.Repo(), "samples/outbound/claims-outbound-2026-10.837"));
        Gen.Select(Gen.Int[0, sample.Length - 1].Array[1, 20], Gen.Byte.Array[20], (at, with) => (at, with)).Sample(m =>
        {
            var bytes = (byte[])sample.Clone();
            for (var i = 0; i < m.at.Length; i++) bytes[m.at[i]] = m.with[i];
            CheckAllAsync(bytes).GetAwaiter().GetResult();
        }, iter: 200);
    }
}
