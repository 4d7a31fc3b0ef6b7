namespace DenialPipeline.Research.Records;

/// <summary>A procedure the documentation shows as distinct from the others that day.</summary>
public sealed record DistinctService(string Procedure, DistinctReason Reason);
