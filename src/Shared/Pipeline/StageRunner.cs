using DenialPipeline.Storage;
using System.Text.Json;

namespace DenialPipeline.Pipeline;

/// <summary>The queues' retry setting, read from host.json (one source for both hosts).</summary>
public sealed record QueueRetryPolicy(int MaxDequeueCount)
{
    public static QueueRetryPolicy FromHostJson(string? path)
    {
        if (path is null || !File.Exists(path)) return new(5);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.TryGetProperty("extensions", out var e) && e.TryGetProperty("queues", out var q)
               && q.TryGetProperty("maxDequeueCount", out var m) && m.TryGetInt32(out var n)
            ? new(n)
            : new(5);
    }

    /// <summary>host.json beside the app (Functions deployment, local host output), else at the repository root.</summary>
    public static string? FindHostJson()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "host.json")) && File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln")))
                return Path.Combine(dir.FullName, "host.json");
        return null;
    }
}

/// <summary>
/// Runs one stage for one message. Permanent problems are handled inside the handlers (recorded, message completes);
/// anything thrown is transient and retried by the runtime. On the last attempt the failure is recorded where users
/// see it before the exception sends the message to the poison queue.
/// </summary>
public sealed class StageRunner(PoisonHandler poison, QueueRetryPolicy policy)
{
    private static readonly AsyncLocal<string?> Running = new();

    /// <summary>The queue of the stage running on this async flow (null outside one): lets a storage request be charged to its stage (bench/LoadBench counts them so).</summary>
    public static string? CurrentStage => Running.Value;

    public async Task RunAsync(string queue, string body, long dequeueCount, Func<Task> work, CancellationToken cancellationToken = default)
    {
        Running.Value = queue;
        try
        {
            await work();
        }
        catch (Exception ex) when (dequeueCount >= policy.MaxDequeueCount && ex is not OperationCanceledException)
        {
            try { await poison.HandleAsync(queue, body, ex.GetType().Name, cancellationToken); }
            catch (Exception) { /* storage itself may be the problem: the poison queue still keeps the message */ }
            throw;
        }
    }
}
