namespace DenialPipeline.Cases;

/// <summary>
/// The one status model used by code, API, UI and docs:
/// New → Researched → Drafted → Approved → Sent/Submitted → Resolved (one of the closing statuses),
/// plus Unmatched and Failed.
/// </summary>
public enum CaseStatus
{
    New,
    Researched,
    Drafted,
    Approved,
    Sent,
    Submitted,
    Overturned,
    PartiallyOverturned,
    Upheld,
    WrittenOff,
    PatientBilled,
    Rebilled,
    Unmatched,
    Failed,
}

public static class CaseStatuses
{
    public static bool IsClosed(CaseStatus s) =>
        s is CaseStatus.Overturned or CaseStatus.PartiallyOverturned or CaseStatus.Upheld
            or CaseStatus.WrittenOff or CaseStatus.PatientBilled or CaseStatus.Rebilled;

    public static bool TryParse(string? value, out CaseStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status);
}
