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
