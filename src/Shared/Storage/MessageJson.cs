using System.Text.Json;
using System.Text.Json.Serialization;

namespace DenialPipeline.Storage;

/// <summary>The JSON settings of queue messages and of JSON stored in table columns: one place.</summary>
public static class MessageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Reads a message; a body that is not the expected JSON is a permanent error (null).</summary>
    public static T? TryDeserialize<T>(string body) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(body, Options); }
        catch (JsonException) { return null; }
    }
}
