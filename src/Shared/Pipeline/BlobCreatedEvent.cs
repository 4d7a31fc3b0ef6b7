using System.Text.Json.Serialization;

namespace DenialPipeline.Pipeline;

/// <summary>
/// The Event Grid event (Event Grid schema) that a BlobCreated subscription puts on <c>denial-files</c>.
/// The local host's <c>drop</c> command writes the same shape, so Ingest reads one format in both hosts.
/// </summary>
public sealed record BlobCreatedEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("eventTime")] DateTimeOffset EventTime,
    [property: JsonPropertyName("data")] BlobCreatedData Data,
    [property: JsonPropertyName("dataVersion")] string DataVersion = "",
    [property: JsonPropertyName("metadataVersion")] string MetadataVersion = "1")
{
    public const string BlobCreatedType = "Microsoft.Storage.BlobCreated";

    /// <summary>The container and blob name from the subject <c>/blobServices/default/containers/{c}/blobs/{name}</c>.</summary>
    public (string Container, string BlobName)? ParseSubject()
    {
        const string prefix = "/blobServices/default/containers/";
        if (!Subject.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = Subject[prefix.Length..];
        var at = rest.IndexOf("/blobs/", StringComparison.Ordinal);
        if (at <= 0) return null;
        var name = rest[(at + "/blobs/".Length)..];
        return name.Length == 0 ? null : (rest[..at], name);
    }

    public static BlobCreatedEvent For(string container, string blobName, Uri blobUri, long length, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("N"), BlobCreatedType, $"/blobServices/default/containers/{container}/blobs/{blobName}", now,
            new BlobCreatedData("PutBlob", "application/octet-stream", length, blobUri.ToString()));
}
