using DenialPipeline.Cases;

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
