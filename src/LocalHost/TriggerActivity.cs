namespace DenialPipeline.LocalHost;

/// <summary>
/// Counts the queue-trigger invocations running in this host, so that whoever stops it can wait for them to end before
/// disposing the services they still use (the WebJobs SDK logs a function's completion through the host's logger
/// factory after the function returns; disposing the host under a running function ends the process).
/// </summary>
public sealed class TriggerActivity
{
    private int _running;

    public int Running => Volatile.Read(ref _running);

    public async Task RunAsync(Func<Task> invocation)
    {
        Interlocked.Increment(ref _running);
        try { await invocation(); }
        finally { Interlocked.Decrement(ref _running); }
    }

    /// <summary>Waits until no invocation runs; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Running > 0)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }
}
