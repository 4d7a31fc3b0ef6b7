using DenialPipeline.Letters;

namespace DenialPipeline.Api;

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
