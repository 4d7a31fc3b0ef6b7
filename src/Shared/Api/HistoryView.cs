using DenialPipeline.Cases;

namespace DenialPipeline.Api;

public sealed record HistoryView(int Revision, DateTimeOffset At, string Event, string? FromStatus, string ToStatus, string Actor, string? Detail, string? Role = null)
{
    public static HistoryView From(CaseHistoryEntity h) => new(h.Revision, h.At, h.Event, h.FromStatus, h.ToStatus, h.Actor, h.Detail, h.Role);
}
