using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;

namespace DenialPipeline.Cases;

/// <summary>
/// The cases this process wrote recently (a copy of each, as written, with its ETag), for <see cref="CaseStore.GetForChangeAsync"/>.
/// Bounded: two generations of at most half the capacity each, entries older than a minute ignored.
/// </summary>
internal sealed class RecentCases(TimeProvider time, int capacity = 4096)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private Dictionary<string, (CaseEntity Case, DateTimeOffset At)> _current = new(StringComparer.Ordinal);
    private Dictionary<string, (CaseEntity Case, DateTimeOffset At)> _previous = new(StringComparer.Ordinal);

    public void Put(CaseEntity written)
    {
        // Only versions a pipeline stage picks up next: New/Unmatched (research), Researched (drafting). A case that
        // moved on (Drafted, Sent, Closed…) is not kept — and an older version of it is dropped.
        if (written.StatusValue is not (CaseStatus.New or CaseStatus.Unmatched or CaseStatus.Researched))
        {
            Forget(written.CaseId);
            return;
        }
        var copy = written.Copy(); // the caller keeps changing its own object
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _previous.Remove(written.CaseId);
            if (_current.Count >= capacity / 2 && !_current.ContainsKey(written.CaseId))
            {
                _previous = _current;
                _current = new(StringComparer.Ordinal);
            }
            _current[written.CaseId] = (copy, now);
        }
    }

    public void Forget(string caseId)
    {
        lock (_gate)
        {
            _current.Remove(caseId);
            _previous.Remove(caseId);
        }
    }

    /// <summary>The version written last, removed (a redelivered message reads the case instead); null when none is fresh.</summary>
    public CaseEntity? Take(string caseId)
    {
        (CaseEntity Case, DateTimeOffset At) hit;
        lock (_gate)
        {
            if (!_current.Remove(caseId, out hit) && !_previous.Remove(caseId, out hit)) return null;
        }
        return time.GetUtcNow() - hit.At <= MaxAge ? hit.Case : null;
    }
}
