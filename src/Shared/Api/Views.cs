using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Storage;

namespace DenialPipeline.Api;

public sealed record CaseSummaryView(
    string Id, string Status, string PayerId, string PayerName, string PatientControlNumber, string? PayerClaimNumber,
    decimal Charge, decimal Paid, decimal Denied, string ReasonCodes, string? Category, string? Action, string? Summary,
    DateOnly? Deadline, string? DeadlineRule, double Priority, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> LetterIds,
    string? MatchedClaimId, string? UnmatchedReason, string? FailureReason, string? AssignedTo, string? ETag = null)
{
    public static CaseSummaryView From(CaseEntity c) => new(
        c.CaseId, c.Status, c.PayerId, c.PayerName, c.PatientControlNumber, c.PayerClaimControlNumber,
        Math.Round((decimal)c.ChargeAmount, 2), Math.Round((decimal)c.PaidAmount, 2), Math.Round((decimal)c.DeniedAmount, 2), c.ReasonCodes, c.Category, c.Action, c.Summary,
        c.Deadline is { } d ? DateOnly.FromDateTime(d) : null, c.DeadlineRule, Math.Round(c.Priority, 2), c.CreatedAt, c.UpdatedAt, c.LetterIdList,
        c.MatchedClaimId, c.UnmatchedReason, c.FailureReason, c.AssignedTo, c.ETag.ToString())
    {
        Resolution = DenialPipeline.Resolution.CaseResolutionView.From(c),
        DraftRound = Math.Max(1, c.DraftRound),
        LastRejection = c.LastRejectedLetterId is null ? null : new CaseRejectionView(c.LastRejectedLetterId, c.LastRejectionReason),
    };

    /// <summary>1 for the first letters; one more for each rejection that sent the case back to research.</summary>
    public int DraftRound { get; init; } = 1;

    /// <summary>The last rejection that sent the case back to research (the letter and the coder's reason), or null.</summary>
    public CaseRejectionView? LastRejection { get; init; }

    /// <summary>Appeal level, outcome, amount recovered, days to resolution and deadline flags (see docs/api.md).</summary>
    public DenialPipeline.Resolution.CaseResolutionView? Resolution { get; init; }
}

public sealed record CaseRejectionView(string LetterId, string? Reason);

public sealed record CaseDetailView(CaseSummaryView Case, ClaimSnapshot? Claim, JsonElement? Research, JsonElement? Records, IReadOnlyList<LetterSummaryView> Letters, IReadOnlyList<HistoryView> History);

public sealed record HistoryView(int Revision, DateTimeOffset At, string Event, string? FromStatus, string ToStatus, string Actor, string? Detail, string? Role = null)
{
    public static HistoryView From(CaseHistoryEntity h) => new(h.Revision, h.At, h.Event, h.FromStatus, h.ToStatus, h.Actor, h.Detail, h.Role);
}

public sealed record LetterSummaryView(
    string Id, string CaseId, string Type, string Status, int Version, string RecipientKind, string RecipientName, string? RecipientChannel,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ApprovedBy, DateTimeOffset? SentAt, string? RejectReason, string? FailureReason, string ETag,
    string? DeliveryStatus = null, string? SubmittedChannel = null, string? SubmittedReference = null, DateOnly? SubmittedOn = null, bool HasConfirmation = false,
    int Attempt = 1, string? RejectedBy = null)
{
    public static LetterSummaryView From(LetterEntity l) => new(
        l.LetterId, l.CaseId, l.Type, l.Status, l.Version, l.RecipientKind, l.RecipientName, l.RecipientChannel, l.CreatedAt, l.UpdatedAt,
        l.ApprovedBy, l.SentAt, l.RejectReason, l.FailureReason, l.ETag.ToString(),
        l.DeliveryStatus, l.SubmittedChannel, l.SubmittedReference, l.SubmittedOn is { } d ? DateOnly.FromDateTime(d) : null, l.ConfirmationBlob is not null,
        Math.Max(1, l.Attempt), l.RejectedBy);
}

public sealed record LetterDetailView(LetterSummaryView Letter, string? Html, IReadOnlyList<MissingField> MissingFields);

public sealed record FileView(
    string Id, string BlobName, string Status, long Bytes, int Attempts, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt,
    int Transactions, int ClaimsRead, int DeniedClaims, int CasesCreated, int Reversals, int WarningCount, int ErrorCount,
    IReadOnlyList<FileIssue> Issues, string? FailureReason, string Container, string? PayerFolder,
    string? UploadedBy = null, string? UploadedByRole = null, IReadOnlyList<FileRetry>? Retries = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? CsvMapping = null)
{
    public static FileView From(RemittanceFileEntity f) => new(
        f.FileId, f.BlobName, f.Status, f.Bytes, f.Attempts, f.ReceivedAt, f.CompletedAt, f.Transactions, f.ClaimsRead, f.DeniedClaims,
        f.CasesCreated, f.Reversals, f.WarningCount, f.ErrorCount,
        JsonSerializer.Deserialize<List<FileIssue>>(f.IssuesJson, MessageJson.Options) ?? [], f.FailureReason,
        f.ContainerOrDrops(), f.Payer(), f.UploadedBy, f.UploadedByRole,
        JsonSerializer.Deserialize<List<FileRetry>>(f.RetriesJson is { Length: > 0 } r ? r : "[]", MessageJson.Options) ?? [], f.CsvMapping)
    {
        Quarantine = f.Quarantine(),
        UploadedById = f.UploadedById,
    };

    /// <summary>Transactions held back because they named another payer, and the Admin's decisions; absent when none ever were.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public FileQuarantine? Quarantine { get; init; }

    /// <summary>The uploader's stable object id, beside <see cref="UploadedBy"/> (a name, only shown).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? UploadedById { get; init; }
}

public sealed record UnmatchedView(CaseSummaryView Case, string Reason);

public sealed record RejectionView(int Row, string Reason, string? Key);

public sealed record RecordsImportView(string File, string Format, IReadOnlyDictionary<string, int> Stored, int Total, IReadOnlyList<RejectionView> Rejections, int UnmatchedRequeued)
{
    /// <summary>The import's record (Records table, partition <c>imports</c>): when and who, with the role.</summary>
    public string ImportId { get; init; } = "";
    public DateTimeOffset ImportedAt { get; init; }
    public string ImportedBy { get; init; } = "";
    public string? ImportedByRole { get; init; }
}
