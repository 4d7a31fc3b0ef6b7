using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Storage;

namespace DenialPipeline.Api;

public sealed record CaseSummaryView(
    string Id, string Status, string PayerId, string PayerName, string PatientControlNumber, string? PayerClaimNumber,
    decimal Charge, decimal Paid, decimal Denied, string ReasonCodes, string? Category, string? Action, string? Summary,
    DateOnly? Deadline, double Priority, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> LetterIds, string? FailureReason)
{
    public static CaseSummaryView From(CaseEntity c) => new(
        c.CaseId, c.Status, c.PayerId, c.PayerName, c.PatientControlNumber, c.PayerClaimControlNumber,
        (decimal)c.ChargeAmount, (decimal)c.PaidAmount, (decimal)c.DeniedAmount, c.ReasonCodes, c.Category, c.Action, c.Summary,
        c.Deadline is { } d ? DateOnly.FromDateTime(d) : null, c.Priority, c.CreatedAt, c.UpdatedAt, c.LetterIdList, c.FailureReason)
    {
        Resolution = DenialPipeline.Resolution.CaseResolutionView.From(c),
    };

    /// <summary>Appeal level, outcome, amount recovered, days to resolution and deadline flags (see docs/api.md).</summary>
    public DenialPipeline.Resolution.CaseResolutionView? Resolution { get; init; }
}

public sealed record CaseDetailView(CaseSummaryView Case, ClaimSnapshot? Claim, JsonElement? Research, IReadOnlyList<LetterSummaryView> Letters, IReadOnlyList<HistoryView> History);

public sealed record HistoryView(int Revision, DateTimeOffset At, string Event, string? FromStatus, string ToStatus, string Actor, string? Detail)
{
    public static HistoryView From(CaseHistoryEntity h) => new(h.Revision, h.At, h.Event, h.FromStatus, h.ToStatus, h.Actor, h.Detail);
}

public sealed record LetterSummaryView(
    string Id, string CaseId, string Type, string Status, int Version, string RecipientKind, string RecipientName,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ApprovedBy, DateTimeOffset? SentAt, string? RejectReason, string? FailureReason, string ETag)
{
    public static LetterSummaryView From(LetterEntity l) => new(
        l.LetterId, l.CaseId, l.Type, l.Status, l.Version, l.RecipientKind, l.RecipientName, l.CreatedAt, l.UpdatedAt,
        l.ApprovedBy, l.SentAt, l.RejectReason, l.FailureReason, l.ETag.ToString());
}

public sealed record LetterDetailView(LetterSummaryView Letter, string? Html, IReadOnlyList<string> MissingFields);

public sealed record FileView(
    string Id, string BlobName, string Status, long Bytes, int Attempts, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt,
    int Transactions, int ClaimsRead, int DeniedClaims, int CasesCreated, int Reversals, int WarningCount, int ErrorCount,
    IReadOnlyList<FileIssue> Issues, string? FailureReason)
{
    public static FileView From(RemittanceFileEntity f) => new(
        f.FileId, f.BlobName, f.Status, f.Bytes, f.Attempts, f.ReceivedAt, f.CompletedAt, f.Transactions, f.ClaimsRead, f.DeniedClaims,
        f.CasesCreated, f.Reversals, f.WarningCount, f.ErrorCount,
        JsonSerializer.Deserialize<List<FileIssue>>(f.IssuesJson, MessageJson.Options) ?? [], f.FailureReason);
}
