using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Cases;

/// <summary>
/// The case row (PartitionKey = case id, RowKey = "case-" + case id). Its history rows live in the same partition so
/// that a status change and its history row commit in one entity-group transaction: the audit trail cannot miss a
/// change. PHI stays in this table (ClaimJson); logs and emails carry only the case id.
/// RowKeys repeat the case id although the partition already names it: the storage emulator (Azurite, LokiJS) looks a
/// row up by RowKey first, so a RowKey shared by every case ("case", "h000001") made each point read and insert scan
/// all cases — a cost that grew with the table. Azure Tables does not care either way.
/// </summary>
public sealed class CaseEntity : ITableEntity
{
    public const string CaseRowPrefix = "case-";
    public const string LetterApprovedEvent = "LetterApproved";

    /// <summary>An OData filter that selects case rows only (not history or index rows).</summary>
    public const string CaseRowsFilter = "RowKey ge 'case-' and RowKey lt 'case.'";

    public static string RowKeyOf(string caseId) => CaseRowPrefix + caseId;

    /// <summary>A shallow copy (strings and byte arrays are replaced, never changed in place, so sharing them is safe).</summary>
    public CaseEntity Copy() => (CaseEntity)MemberwiseClone();

    public string PartitionKey { get; set; } = "";
    /// <summary>Derived from the case id (set by the SDK when reading; the value read is the same).</summary>
    public string RowKey { get => RowKeyOf(PartitionKey); set { } }
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CaseId { get => PartitionKey; set => PartitionKey = value; }
    public string Status { get; set; } = nameof(CaseStatus.New);
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // Where the denial came from.
    public string FileId { get; set; } = "";
    public string TransactionControlNumber { get; set; } = "";
    public string? TraceNumber { get; set; }
    public DateTime? RemittanceDate { get; set; }

    // Who and what (listing columns; the whole claim is in ClaimJson).
    public string PayerId { get; set; } = "";
    public string PayerName { get; set; } = "";
    public string? PayeeId { get; set; }
    public string PatientControlNumber { get; set; } = "";
    public string? PayerClaimControlNumber { get; set; }
    public string ClaimStatusCode { get; set; } = "";
    public string? FilingIndicator { get; set; }
    public double ChargeAmount { get; set; }
    public double PaidAmount { get; set; }
    public double DeniedAmount { get; set; }
    public string ReasonCodes { get; set; } = "";
    public string ClaimJson { get; set; } = "";
    /// <summary>The transaction header and claim as read (<see cref="RemittancePayload"/>), gzip'd JSON.</summary>
    public byte[]? RemittancePayload { get; set; }

    // Research outcome.
    public string? Category { get; set; }
    public string? Action { get; set; }
    public string? Summary { get; set; }
    public string? ResearchJson { get; set; }
    public DateTime? Deadline { get; set; }
    public string? DeadlineRule { get; set; }
    public double Priority { get; set; }
    public string? MatchedClaimId { get; set; }
    public string? UnmatchedReason { get; set; }
    /// <summary>Which records research found for this denial (<c>RecordsFound</c> as JSON).</summary>
    public string? RecordsJson { get; set; }
    /// <summary>The full records snapshot research decided from (gzip'd JSON, <c>RecordsSnapshotPayload</c>); drafting reuses it.</summary>
    public byte[]? RecordsSnapshot { get; set; }

    // Work.
    public string? AssignedTo { get; set; }
    public string LetterIds { get; set; } = "";
    /// <summary>Approvals already in the history ("letterId@approvedAt ticks", comma-separated): each is recorded once.</summary>
    public string ApprovalsRecorded { get; set; } = "";
    /// <summary>How many "LetterApproved" rows the history holds (kept by <c>CaseStore</c> with every change it writes).</summary>
    public int ApprovalEvents { get; set; }
    /// <summary>True once <see cref="ApprovalEvents"/> is kept for this case (false: a case written before it was; read the history).</summary>
    public bool HistoryCounted { get; set; }
    public string? FailureReason { get; set; }

    // Rework after a rejection (docs/api.md, review endpoints).
    /// <summary>
    /// The drafting round: 1 for the first letters; each rejection that sends the case back to research adds one, and the
    /// letters drafted then get new ids (<c>DraftHandler.LetterIdFor</c>), so the rejected ones stay as they were.
    /// </summary>
    public int DraftRound { get; set; } = 1;
    /// <summary>The coder's reason of the last rejection that sent the case back to research (shown to the next research and on the case).</summary>
    public string? LastRejectionReason { get; set; }
    /// <summary>The letter that rejection rejected.</summary>
    public string? LastRejectedLetterId { get; set; }
    /// <summary>Rejections already in the history (letter ids, comma-separated): each is recorded once, whoever gets there first.</summary>
    public string RejectionsRecorded { get; set; } = "";

    // Resolution and clocks (src/Shared/Resolution): how the case closed, appeal levels, deadline reminders.
    /// <summary>1 for the first appeal; a second denial after an appeal opens the next level on a new case.</summary>
    public int AppealLevel { get; set; } = 1;
    /// <summary>The case whose appeal was upheld and that this case continues (next appeal level).</summary>
    public string? PreviousCaseId { get; set; }
    /// <summary>The case that continues this one at the next appeal level.</summary>
    public string? NextCaseId { get; set; }
    /// <summary>When the case closed: the paying/denying remittance date, or when a coder closed it.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
    public int? DaysToResolution { get; set; }
    public double RecoveredAmount { get; set; }
    /// <summary>The coder's reason for WrittenOff / PatientBilled / Rebilled; or the system's for payer outcomes.</summary>
    public string? ResolutionReason { get; set; }
    /// <summary>Deterministic id of the remittance claim that closed the case (a re-drop changes nothing).</summary>
    public string? ResolvedByClaimKey { get; set; }
    /// <summary>The status before a payment closed the case: a reversal reopens to it.</summary>
    public string? StatusBeforeResolution { get; set; }
    /// <summary>The paying claim a reversal undid: seeing that payment again (a re-drop) does not close the case again.</summary>
    public string? ReversedClaimKey { get; set; }
    /// <summary>The smallest reminder threshold (14, 7, 1 days) already sent; null before the first.</summary>
    public int? LastReminderDays { get; set; }
    public bool DeadlineMissed { get; set; }
    public DateTimeOffset? DeadlineMissedAt { get; set; }

    [IgnoreDataMember]
    public CaseStatus StatusValue
    {
        get => CaseStatuses.TryParse(Status, out var s) ? s : CaseStatus.Failed;
        set => Status = value.ToString();
    }

    [IgnoreDataMember]
    public IReadOnlyList<string> LetterIdList => LetterIds.Length == 0 ? [] : LetterIds.Split(',');
}
