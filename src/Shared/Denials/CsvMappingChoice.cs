namespace DenialPipeline.Denials;

/// <summary>
/// The mapping chosen for a CSV report, or none and the closest one with the required columns the header lacks
/// (header names are not PHI; cell values are, and none is read here).
/// </summary>
public sealed record CsvMappingChoice(CsvDenialMapping? Mapping, CsvDenialMapping? Closest, IReadOnlyList<string> MissingColumns)
{
    /// <summary>The report's first line has no column names (an empty file, or one that starts with a blank line).</summary>
    public bool NoHeader { get; init; }

    /// <summary>What a user sees when no mapping fits: the closest mapping and the columns it expected.</summary>
    public string Failure() => NoHeader
        ? "The file was taken for a CSV denial report (by its name or its first line), but its first line holds no column names: it is empty or starts with a blank line. Drop the report with its header row first."
        : Closest is null
        ? "The file was read as a CSV denial report, but no CSV report mapping is configured. Import one (docs/csv-reports.md) and retry the file."
        : $"No CSV report mapping fits this file's header row. The closest, '{Closest.Payer}', expects the column(s) " +
          $"{string.Join(", ", MissingColumns.Select(c => $"'{c}'"))}, which the header does not have. Import a mapping for this layout " +
          "(docs/csv-reports.md) and retry the file.";
}
