namespace DenialPipeline.X12;

/// <summary>An ST*835 header (with BPR, TRN, N1 loops) has been read; claims follow.</summary>
public sealed record TransactionStarted(RemittanceTransaction Transaction) : RemittanceEvent;
