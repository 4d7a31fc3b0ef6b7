namespace DenialPipeline.Research.Records;

/// <summary>
/// Reads of reference rows shared by concurrent callers: a read in flight is joined, not repeated, and its answer is
/// kept for <c>keepFor</c> (zero: only while in flight). Research messages arrive 16 at a time and used to read the
/// same catalog and profile rows once each before the first answer was back (issue #22). A failed read is not kept.
/// </summary>
public sealed class SharedReads<T>(TimeSpan keepFor)
{
    private readonly Dictionary<string, (Task<T> Read, long ExpiresAt)> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// The answer for <paramref name="key"/>: joined, kept, or read now with <paramref name="read"/>. The read is shared,
    /// so no one caller's token cancels it (the storage client's retry policy bounds it); each caller waits with its own.
    /// </summary>
    public Task<T> GetAsync(string key, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        Task<T> task;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry) || (entry.Read.IsCompleted && (entry.ExpiresAt <= now || !entry.Read.IsCompletedSuccessfully)))
                _entries[key] = entry = (read(), now + (long)keepFor.TotalMilliseconds);
            task = entry.Read;
        }
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets every kept answer (an import changed the rows); reads in flight finish for their callers.</summary>
    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}
