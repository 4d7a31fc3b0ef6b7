using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>What an NCCI file gave: the edits or limits read, and the rows it could not use (with their row numbers).</summary>
public sealed record NcciImportResult(int Taken, IReadOnlyList<ImportRejection> Rejected);
