using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>
/// A problem in a CSV report: the 1-based row (the header is row 1, as a spreadsheet shows it), the column, a code, and
/// the patient control number of the row when it has one (as an 835 issue names its claim). Messages never repeat
/// cell contents (they may be PHI).
/// </summary>
public sealed record CsvIssue(X12IssueSeverity Severity, long Row, string? Column, string Message, string Code = "CsvIssue", string? Claim = null);
