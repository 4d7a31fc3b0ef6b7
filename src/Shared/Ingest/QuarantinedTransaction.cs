namespace DenialPipeline.Ingest;

/// <summary>One quarantined transaction: where it is, the ids it named that its sender may not use, how many claims it holds.</summary>
public sealed record QuarantinedTransaction(int Ordinal, string ControlNumber, long SegmentIndex, IReadOnlyList<string> UnexpectedIds, int Claims);
