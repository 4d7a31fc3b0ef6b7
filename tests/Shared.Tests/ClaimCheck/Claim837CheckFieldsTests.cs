using System.Text;
using DenialPipeline.ClaimCheck;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>The 837 fields the check needs beyond matching: SV107 pointers, SBR01, loop 2320 and AMT*D, NM1*DN, the billing entity.</summary>
public sealed class Claim837CheckFieldsTests
{
    private const string Text =
        "ISA*00*          *00*          *ZZ*A              *ZZ*B              *240115*1200*^*00501*000000001*0*P*:~" +
        "GS*HC*A*B*20240115*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20240115*1200*CH~" +
        "HL*1**20*1~NM1*85*2*FAMILY CLINIC*****XX*1234567893~HL*2*1*22*0~SBR*S*18*******CI~NM1*IL*1*DOE*JOHN****MI*W123~NM1*PR*2*ACME*****PI*ACME01~" +
        "CLM*PCN-1*150***11:B:1*Y*A*Y*Y~HI*ABK:J449*ABF:E119~NM1*DN*1*REF*DOC****XX*1922334457~NM1*82*1*SMITH*ANN****XX*1111111111~" +
        "SBR*P*18*******MB~AMT*D*80~NM1*IL*1*DOE*JOHN****MI*OTHER~NM1*PR*2*MEDICARE*****PI*15202~" +
        "LX*1~SV1*HC:99214*100*UN*1*11**1:2~DTP*472*D8*20240105~LX*2~SV1*HC:81002*50*UN*2***~DTP*472*D8*20240105~" +
        "SE*21*0001~GE*1*1~IEA*1*000000001~";

    [Fact]
    public void Reader_GivesTheFieldsTheCheckNeeds()
    {
        var c = Assert.Single(Claim837Reader.Read(new MemoryStream(Encoding.ASCII.GetBytes(Text))).Claims);
        Assert.Equal(("S", 1, true, "1922334457", "2"), (c.PayerResponsibility, c.OtherPayerCount, c.OtherPayerPaidAmountGiven, c.ReferringProviderNpi, c.BillingProviderEntityType));
        Assert.Equal([1, 2], c.Lines[0].DiagnosisPointers);
        Assert.Empty(c.Lines[1].DiagnosisPointers);
        var u = ClaimUnderCheck.From(c, "t.837", out _)!;
        Assert.True(u.IsSecondary);
        Assert.Equal("1922334457", u.Claim.ReferringNpi);
        Assert.Equal("W123", u.MemberId);
    }
}
