using System.Text.Json.Serialization;

namespace DenialPipeline.Pipeline;

public sealed record BlobCreatedData(
    [property: JsonPropertyName("api")] string Api,
    [property: JsonPropertyName("contentType")] string ContentType,
    [property: JsonPropertyName("contentLength")] long ContentLength,
    [property: JsonPropertyName("url")] string Url);
