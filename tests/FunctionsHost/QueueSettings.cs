using System.Text.Json;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// host.json's <c>extensions.queues</c> with the Storage Queues extension's defaults (QueuesOptions: batch 16, new batch
/// threshold batchSize/2 × processor count, poll at most every minute, visibility 0 on retry, 5 dequeues, Base64), and
/// the host's <c>functionTimeout</c> (how long a message is held while its function runs).
/// </summary>
public sealed record QueueSettings(int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout,
    int MaxDequeueCount, bool Base64, TimeSpan FunctionTimeout)
{
    public static readonly QueueSettings Defaults = new(16, 8 * Environment.ProcessorCount, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, true, TimeSpan.FromMinutes(5));

    public static QueueSettings FromHostJson(string path)
    {
        if (!File.Exists(path)) return Defaults;
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var settings = Defaults;
        if (Find(doc.RootElement, "functionTimeout") is { ValueKind: JsonValueKind.String } timeout) settings = settings with { FunctionTimeout = TimeSpan.Parse(timeout.GetString()!, System.Globalization.CultureInfo.InvariantCulture) };
        if (Find(doc.RootElement, "extensions") is not { ValueKind: JsonValueKind.Object } ext || Find(ext, "queues") is not { ValueKind: JsonValueKind.Object } q) return settings;
        var batch = Find(q, "batchSize")?.GetInt32() ?? settings.BatchSize;
        return settings with
        {
            BatchSize = batch,
            NewBatchThreshold = Find(q, "newBatchThreshold")?.GetInt32() ?? batch / 2 * Environment.ProcessorCount,
            MaxPollingInterval = Span(Find(q, "maxPollingInterval")) ?? settings.MaxPollingInterval,
            VisibilityTimeout = Span(Find(q, "visibilityTimeout")) ?? settings.VisibilityTimeout,
            MaxDequeueCount = Find(q, "maxDequeueCount")?.GetInt32() ?? settings.MaxDequeueCount,
            Base64 = !string.Equals(Find(q, "messageEncoding")?.GetString(), "none", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static JsonElement? Find(JsonElement e, string name) =>
        e.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static TimeSpan? Span(JsonElement? e) =>
        e is { ValueKind: JsonValueKind.String } s ? TimeSpan.Parse(s.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
}
