namespace DenialPipeline.Research.Records;

/// <summary>
/// A row or entry an importer did not take: its 1-based row number (CSV: the line the record starts on,
/// the header being line 1; JSON: the array entry number; FHIR: the bundle entry number) and why.
/// Reasons name ids and columns, never patient data.
/// </summary>
public sealed record ImportRejection(int Row, string Reason, string? Key = null);
