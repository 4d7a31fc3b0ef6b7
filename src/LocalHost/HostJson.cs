using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs.Host;

namespace DenialPipeline.LocalHost;

/// <summary>Applies host.json's <c>extensions.queues</c> (the Functions host's settings) to the WebJobs SDK's queue options.</summary>
public static class HostJson
{
    public static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "host.json");
        return File.Exists(beside) ? beside : Path.Combine(RepositoryRoot.Find(), "host.json");
    }

    public static void ApplyQueueSettings(QueuesOptions options, string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        options.MessageEncoding = QueueMessageEncoding.Base64;
        if (!doc.RootElement.TryGetProperty("extensions", out var ext) || !ext.TryGetProperty("queues", out var q)) return;
        foreach (var p in q.EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "batchsize": options.BatchSize = p.Value.GetInt32(); break;
                case "newbatchthreshold": options.NewBatchThreshold = p.Value.GetInt32(); break;
                case "maxdequeuecount": options.MaxDequeueCount = p.Value.GetInt32(); break;
                case "maxpollinginterval": options.MaxPollingInterval = TimeSpan.Parse(p.Value.GetString()!); break;
                case "visibilitytimeout": options.VisibilityTimeout = TimeSpan.Parse(p.Value.GetString()!); break;
                case "messageencoding":
                    options.MessageEncoding = string.Equals(p.Value.GetString(), "none", StringComparison.OrdinalIgnoreCase)
                        ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
                    break;
            }
        }
    }
}
