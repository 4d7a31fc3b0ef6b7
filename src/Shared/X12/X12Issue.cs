namespace DenialPipeline.X12;

/// <summary>A warning (the file is still read) or an error (a structural problem) with its position.</summary>
public sealed record X12Issue(
    X12IssueSeverity Severity,
    string Code,
    string Message,
    X12Position Position,
    string? TransactionControlNumber = null,
    string? PatientControlNumber = null)
{
    // Messages carry no amounts or other values from the file (they may end up in logs); balancing warnings put
    // their figures here instead, for a UI that is allowed to show them.

    /// <summary>For balancing warnings: the amount the file states (CLP03 − CLP04, BPR02, CLM02).</summary>
    public decimal? Expected { get; init; }

    /// <summary>For balancing warnings: the amount computed from the parts (Σ CAS, Σ CLP04 − Σ PLB, Σ line charges).</summary>
    public decimal? Actual { get; init; }

    /// <summary>
    /// For an issue in a CSV denial report (<c>CsvDenialReportReader</c>): the 1-based row as a spreadsheet shows it
    /// (header = 1); <see cref="Position"/> is then (0, 0), since a CSV report has no segments. Null for X12.
    /// </summary>
    public long? Row { get; init; }

    /// <summary>For an issue in a CSV denial report: the header column it is about, when it is about one.</summary>
    public string? Column { get; init; }
}
