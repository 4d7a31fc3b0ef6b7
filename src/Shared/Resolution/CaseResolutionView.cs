using DenialPipeline.Cases;

namespace DenialPipeline.Resolution;

/// <summary>The resolution part of a case as the API shows it.</summary>
public sealed record CaseResolutionView(
    int AppealLevel, string? PreviousCaseId, string? NextCaseId, DateTimeOffset? ResolvedAt, int? DaysToResolution,
    decimal RecoveredAmount, string? Reason, int? LastReminderDays, bool DeadlineMissed)
{
    public static CaseResolutionView From(CaseEntity c) => new(
        c.AppealLevel, c.PreviousCaseId, c.NextCaseId, c.ResolvedAt, c.DaysToResolution, (decimal)c.RecoveredAmount, c.ResolutionReason,
        c.LastReminderDays, c.DeadlineMissed);
}
