namespace DenialPipeline.X12;

/// <summary>One ST*835 transaction with everything it carried.</summary>
public sealed record RemittanceFileTransaction(
    RemittanceTransaction Transaction,
    IReadOnlyList<ClaimPayment> Claims,
    IReadOnlyList<ProviderAdjustment> ProviderAdjustments);
