using System.Text;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.Research.Records;

public sealed class Acknowledgment277ReaderTests
{
    private const string File277 =
        "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*CLINIC01       *250921*0800*^*00501*000000777*0*P*:~\n" +
        "GS*HN*ACMEHEALTH*CLINIC01*20250921*0800*777*X*005010X214~\n" +
        "ST*277*0001*005010X214~\nBHT*0085*08*277X214*20250921*0800*TH~\n" +
        "HL*1**20*1~\nNM1*PR*2*ACME HEALTH PLAN*****PI*87726~\nTRN*1*BATCH77~\nDTP*050*D8*20250920~\nDTP*009*D8*20250921~\n" +
        "HL*2*1*21*1~\nNM1*41*2*RIVERSIDE FAMILY CLINIC*****46*CLINIC01~\nTRN*2*BATCH77~\nSTC*A1:19*20250920*WQ*1350~\n" +
        "HL*3*2*19*1~\nNM1*85*2*RIVERSIDE FAMILY CLINIC*****XX*1234567893~\n" +
        "HL*4*3*PT~\nNM1*QC*1*BROWN*LINDA****MI*ACM100200300~\nTRN*2*PCN2001~\nSTC*A2:20*20250920*WQ*1200~\nREF*1K*ACME99001~\nDTP*472*D8*20250910~\n" +
        "HL*5*3*PT~\nNM1*QC*1*WILSON*JAMES****MI*ACM100200301~\nTRN*2*PCN2099~\nSTC*A7:562*20250920*U*150~\nDTP*472*D8*20250911~\n" +
        "SE*25*0001~\nGE*1*777~\nIEA*1*000000777~\n";

    [Fact]
    public void Read_AcceptedClaim_BecomesProof_RejectedClaimIsListedWithTheReason()
    {
        var r = Acknowledgment277Reader.Read(new MemoryStream(Encoding.ASCII.GetBytes(File277)));

        var proof = Assert.Single(r.Records, p => p.ClaimId == "PCN2001");
        Assert.Equal(new DateOnly(2025, 9, 20), proof.AcceptedDate);
        Assert.Equal(ProofSource.Ack277CA, proof.Source);
        Assert.Equal("ACME99001", proof.Reference);
        Assert.Equal("ACME99001", proof.PayerClaimNumber);
        Assert.Equal("87726", proof.PayerId);
        Assert.Equal(ProofIssuer.Payer, proof.Issuer);
        var rejected = Assert.Single(r.Rejections);
        Assert.Contains("PCN2099", rejected.Reason);
        Assert.Contains("A7", rejected.Reason);
        Assert.DoesNotContain("WILSON", rejected.Reason);
    }

    [Fact]
    public void Read_ClaimOnlyReceived_A1_IsNoProof_AndAClearinghouseAcceptanceSaysWhoAccepted()
    {
        var file = File277.Replace("STC*A2:20*20250920*WQ*1200", "STC*A1:20*20250920*WQ*1200", StringComparison.Ordinal);
        var r = Acknowledgment277Reader.Read(new MemoryStream(Encoding.ASCII.GetBytes(file)));
        Assert.Empty(r.Records);
        Assert.Contains(r.Rejections, x => x.Reason.Contains("PCN2001", StringComparison.Ordinal) && x.Reason.Contains("does not mean accepted", StringComparison.Ordinal));

        var byClearinghouse = File277.Replace("NM1*PR*2*ACME HEALTH PLAN*****PI*87726", "NM1*AY*2*CLEARINGHOUSE INC*****46*CH001", StringComparison.Ordinal);
        var proof = Assert.Single(Acknowledgment277Reader.Read(new MemoryStream(Encoding.ASCII.GetBytes(byClearinghouse))).Records);
        Assert.Equal((ProofIssuer.Clearinghouse, (string?)null), (proof.Issuer, proof.PayerId));
    }
}
