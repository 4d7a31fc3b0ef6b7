namespace DenialPipeline.Research.Records;

/// <summary>What an importer took (one record per deterministic key) and what it rejected.</summary>
public sealed record ImportResult<T>(IReadOnlyList<T> Records, IReadOnlyList<ImportRejection> Rejections);
