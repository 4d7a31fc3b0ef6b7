using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.Research;

/// <summary>Issue 17 §5: which acknowledgment proves timely filing with this payer (research and letter use the same choice).</summary>
public sealed class TimelyFilingProofsTests
{
    private static SubmissionProof Proof(ProofSource source, string day, ProofIssuer issuer = ProofIssuer.Payer, string? payer = "P1") =>
        new() { ClaimId = "C1", AcceptedDate = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Source = source, Issuer = issuer, PayerId = payer, Reference = source + day };

    private static readonly PayerProfile Strict = new() { PayerId = "P1", Name = "Plan One" };
    private static readonly PayerProfile TakesClearinghouse = Strict with { AcceptsClearinghouseAcknowledgment = true };

    [Fact]
    public void A999_IsNeverProof_EvenWhenItIsTheEarliest()
    {
        var choice = TimelyFilingProofs.Choose([Proof(ProofSource.Ack999, "2026-01-02", ProofIssuer.Unknown), Proof(ProofSource.Ack277CA, "2026-01-05")], ["C1"], ["P1"], Strict);
        Assert.Equal(new DateOnly(2026, 1, 5), choice.Proof!.AcceptedDate);
        Assert.Contains("payer's own 277CA", choice.Kind, StringComparison.Ordinal);
        Assert.Contains("syntax", Assert.Single(choice.NotProof).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearinghouseAcceptance_CountsOnlyForAPayerWhoseProfileAcceptsIt_AndSaysSo()
    {
        var clearinghouse = Proof(ProofSource.Ack277CA, "2026-01-03", ProofIssuer.Clearinghouse, payer: null);

        Assert.Null(TimelyFilingProofs.Choose([clearinghouse], ["C1"], ["P1"], Strict).Proof);
        Assert.Null(TimelyFilingProofs.Choose([clearinghouse], ["C1"], ["P1"], payer: null).Proof); // the default: not proof
        var taken = TimelyFilingProofs.Choose([clearinghouse], ["C1"], ["P1"], TakesClearinghouse);
        Assert.Same(clearinghouse, taken.Proof);
        Assert.Contains("clearinghouse's acceptance report", taken.Kind, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherPayersAcceptance_IsSetAside()
    {
        var choice = TimelyFilingProofs.Choose([Proof(ProofSource.Ack277CA, "2026-01-01", payer: "OTHER"), Proof(ProofSource.Ack277CA, "2026-01-09")], ["C1"], ["P1"], Strict);
        Assert.Equal(new DateOnly(2026, 1, 9), choice.Proof!.AcceptedDate);
        Assert.Equal("OTHER", Assert.Single(choice.OtherPayers).PayerId);
    }
}
