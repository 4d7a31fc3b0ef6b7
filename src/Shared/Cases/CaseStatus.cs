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
