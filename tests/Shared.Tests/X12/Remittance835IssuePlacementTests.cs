using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>Every issue names where it is: segment number, byte offset, transaction and — inside a claim — the claim.</summary>
public sealed class Remittance835IssuePlacementTests
{
    private const string Isa = "ISA*00*          *00*          *ZZ*S              *ZZ*R              *260101*0101*^*00501*000000001*0*P*:~";

    [Fact]
    public void TokenizerWarning_InsideAClaim_NamesTheTransactionAndTheClaim()
    {
        // ISA16 declares ':' but the SVC composite uses '>': the tokenizer adopts '>' and warns; the warning belongs to claim PCN2.
        var text = Isa + "GS*HP*S*R*20260101*0101*1*X*005010X221A1~ST*835*0042~BPR*I*50*C*CHK************20260101~TRN*1*T*1~" +
                   "N1*PR*P~N1*PE*Q*XX*1234567893~LX*1~CLP*PCN1*1*50*50*0*12*I1~CLP*PCN2*1*100*0*0*12*I2~SVC*HC>99213>25*100*0~CAS*CO*50*100~SE*11*0042~GE*1*1~IEA*1*000000001~";
        var f = Remittance835Reader.Parse(text);
        var w = Assert.Single(f.Issues, i => i.Code == X12IssueCodes.Component);
        Assert.Equal("0042", w.TransactionControlNumber);
        Assert.Equal("PCN2", w.PatientControlNumber);
        Assert.Equal(11, w.Position.SegmentIndex);
        Assert.Equal(text.IndexOf("SVC*", StringComparison.Ordinal), w.Position.ByteOffset);
        var line = Assert.Single(f.Claims.Single(c => c.PatientControlNumber == "PCN2").Lines);
        Assert.Equal(("99213", "25"), (line.Procedure, Assert.Single(line.Modifiers)));
    }

    [Fact]
    public void SvcWithAQualifierButNoCode_IsAnError_AndTheLineIsStillRead()
    {
        var text = Isa + "GS*HP*S*R*20260101*0101*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON************20260101~TRN*1*T*1~" +
                   "N1*PR*P~N1*PE*Q*XX*1234567893~LX*1~CLP*PCN1*4*100*0*0*12*I1~SVC*HC*100*0~CAS*CO*16*100~SE*10*0001~GE*1*1~IEA*1*000000001~";
        var f = Remittance835Reader.Parse(text);
        var e = Assert.Single(f.Errors);
        Assert.Equal(X12IssueCodes.Svc01, e.Code);
        Assert.Equal(("0001", "PCN1", 10L), (e.TransactionControlNumber, e.PatientControlNumber, e.Position.SegmentIndex));
        var line = Assert.Single(Assert.Single(f.Claims).Lines);
        Assert.Equal(("HC", "", 100m), (line.ProcedureQualifier, line.Procedure, line.Charge));
        Assert.Equal("16", Assert.Single(line.Adjustments).Reason);
    }

    [Fact]
    public void RevenueCodeOnlyLine_IsNotAnError()
    {
        var text = Isa + "GS*HP*S*R*20260101*0101*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON************20260101~TRN*1*T*1~" +
                   "N1*PR*P~N1*PE*Q*XX*1234567893~LX*1~CLP*PCN1*4*100*0*0*13*I1~SVC**100*0*0450~CAS*CO*16*100~SE*10*0001~GE*1*1~IEA*1*000000001~";
        var f = Remittance835Reader.Parse(text);
        Assert.Empty(f.Issues);
        Assert.Equal("0450", Assert.Single(Assert.Single(f.Claims).Lines).RevenueCode);
    }

    [Fact]
    public void IssueCodes_AreDocumented_AndTheConstantsMatchTheirText()
    {
        Assert.All(X12IssueCodes.All, kv =>
        {
            Assert.StartsWith("X12-", kv.Key, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(kv.Value));
        });
        Assert.Equal("X12-CLAIM-BALANCE", X12IssueCodes.ClaimBalance);
        Assert.True(X12IssueCodes.All.Count >= 30);
    }
}
