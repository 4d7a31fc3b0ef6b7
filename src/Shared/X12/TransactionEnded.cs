namespace DenialPipeline.X12;

/// <summary>The SE of a transaction: its PLB adjustments and claim count; balancing warnings come before it as issues.</summary>
public sealed record TransactionEnded(RemittanceTransaction Transaction, IReadOnlyList<ProviderAdjustment> ProviderAdjustments, int ClaimCount) : RemittanceEvent;
