using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>A dropped file opened for reading: its format, the mapping of a CSV report, and its events (or why it cannot be read).</summary>
public sealed record DenialFileRead(DenialFileFormat Format, CsvDenialMapping? Mapping, string? Failure, IAsyncEnumerable<RemittanceEvent> Events);
