using System.Text;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.Research;

public sealed class ContractRateImporterTests
{
    [Fact]
    public void FromCsv_TakesGoodRows_AndRejectsBadOnesWithTheirRowNumber()
    {
        const string csv = """
            payer_id,procedure,modifier,rate,effective_from,effective_to
            ACME01,99214,,110.00,2026-01-01,
            ACME01,97110,gp,"$1,020.50",1/1/2026,12/31/2026
            ACME01,99214,,abc,,
            ,99213,,90,,
            ACME01,99.13,,90,,
            ACME01,99213,25X,90,,
            ACME01,99213,,90,2026-06-01,2026-01-01
            ACME01,99213,,-5,,
            ACME01,99214,,120.00,2026-01-01,
            ACME01,99215,,150,someday,
            """;

        var r = ContractRateImporter.FromCsv(new StringReader(csv));

        Assert.Equal(2, r.Records.Count);
        Assert.Equal(new ContractRate("ACME01", "99214", 110m) { EffectiveFrom = new DateOnly(2026, 1, 1) }, r.Records[0]);
        Assert.Equal(("97110", "GP", 1020.50m, new DateOnly(2026, 12, 31)), (r.Records[1].Procedure, r.Records[1].Modifier, r.Records[1].Amount, r.Records[1].EffectiveTo));
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], r.Rejections.Select(x => x.Row));
        Assert.Contains("rate 'abc'", r.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("payer_id is empty", r.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("procedure '99.13'", r.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Contains("modifier '25X'", r.Rejections[3].Reason, StringComparison.Ordinal);
        Assert.Contains("before effective_from", r.Rejections[4].Reason, StringComparison.Ordinal);
        Assert.Contains("rate '-5'", r.Rejections[5].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate of row 2", r.Rejections[6].Reason, StringComparison.Ordinal);
        Assert.Contains("effective_from 'someday'", r.Rejections[7].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_WithoutTheRateColumn_RejectsTheHeader()
    {
        var r = ContractRateImporter.FromCsv(new StringReader("payer_id,procedure\nACME01,99213\n"));
        Assert.Empty(r.Records);
        Assert.Equal((1, "missing column(s): rate"), (Assert.Single(r.Rejections).Row, r.Rejections[0].Reason));
    }

    [Fact]
    public void FromJson_ReadsEntries_AndRejectsByEntryNumber()
    {
        var r = ContractRateImporter.FromJson("""{ "rates": [ { "payerId": "ACME01", "procedure": "99213", "rate": 95.5 }, { "payerId": "ACME01", "procedure": "99213" } ] }""");
        Assert.Equal(95.5m, Assert.Single(r.Records).Amount);
        Assert.Equal(2, Assert.Single(r.Rejections).Row);
    }

    [Fact]
    public void EffectiveOn_HonoursTheOpenAndClosedEnds()
    {
        var rate = new ContractRate("A", "99213", 1m) { EffectiveFrom = new DateOnly(2026, 1, 1), EffectiveTo = new DateOnly(2026, 12, 31) };
        Assert.False(rate.EffectiveOn(new DateOnly(2025, 12, 31)));
        Assert.True(rate.EffectiveOn(new DateOnly(2026, 12, 31)));
        Assert.False(rate.EffectiveOn(new DateOnly(2027, 1, 1)));
        Assert.True(new ContractRate("A", "99213", 1m).EffectiveOn(new DateOnly(1999, 1, 1)));
    }
}

/// <summary>What the 837 mapping takes beyond the claim itself: when it was sent, and what it replaces.</summary>
public sealed class SubmittedClaimDatesTests
{
    private static string File837(string gsDate, string bhtDate) =>
        "ISA*00*          *00*          *ZZ*CLINIC01       *ZZ*CLEARINGHOUSE  *261015*1200*^*00501*000000901*0*P*:~\n" +
        $"GS*HC*CLINIC01*CLEARINGHOUSE*{gsDate}*1200*1*X*005010X222A1~\nST*837*0001*005010X222A1~\nBHT*0019*00*0001*{bhtDate}*1200*CH~\n" +
        "NM1*41*2*RIVERSIDE FAMILY CLINIC*****46*CLINIC01~\nHL*1**20*1~\nNM1*85*2*RIVERSIDE FAMILY CLINIC*****XX*1234567893~\n" +
        "HL*2*1*22*0~\nSBR*P*18*******CI~\nNM1*IL*1*DOE*JANE****MI*MEM1~\nNM1*PR*2*ACME*****PI*ACME01~\n" +
        "CLM*PCN7*120***11:B:7*Y*A*Y*Y~\nREF*F8*ICN-ORIGINAL~\nHI*ABK:I10~\nLX*1~\nSV1*HC:99213*120*UN*1***1~\nDTP*472*D8*20261001~\n" +
        "SE*16*0001~\nGE*1*1~\nIEA*1*000000901~\n";

    private static SubmittedClaim Map(string text)
    {
        var read = Claim837Reader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)));
        Assert.True(SubmittedClaimMapper.TryMap(Assert.Single(read.Claims), out var claim, out var why), why);
        return claim!;
    }

    [Fact]
    public void Map_TakesTheSubmissionDateFromBht04_AndTheOriginalReferenceFromRefF8()
    {
        var claim = Map(File837("20261016", "20261015"));
        Assert.Equal(new DateOnly(2026, 10, 15), claim.SubmissionDate);
        Assert.Equal(("7", "ICN-ORIGINAL"), (claim.FrequencyCode, claim.OriginalReference));
        // REF*F8 is the replaced claim's number, not this claim's: it must not be taken as this claim's payer claim number.
        Assert.Null(claim.PayerClaimNumber);
    }

    [Fact]
    public void Map_WithoutBht04_TakesGs04()
    {
        Assert.Equal(new DateOnly(2026, 10, 16), Map(File837("20261016", "")).SubmissionDate);
    }
}
