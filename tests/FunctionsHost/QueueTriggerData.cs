using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using DenialPipeline.FunctionsHost.Rpc;
using Google.Protobuf;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// What the host sends for a queue message: the trigger input (for a binding that supports deferred binding, the
/// extension's ParameterBindingData — source <c>AzureStorageQueues</c>, JSON of the message, which the worker's
/// QueueMessageConverter reads —, otherwise the message text) and the trigger metadata of the queue extension's binding
/// data (QueueTrigger, Id, DequeueCount, InsertionTime, ExpirationTime, NextVisibleTime, PopReceipt).
/// </summary>
internal static class QueueTriggerData
{
    public static TypedData Input(FunctionBinding trigger, QueueMessage message)
    {
        var deferred = trigger.Raw.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
            && props.EnumerateObject().Any(p => string.Equals(p.Name, "supportsDeferredBinding", StringComparison.OrdinalIgnoreCase)
                                                && string.Equals(p.Value.GetString(), "true", StringComparison.OrdinalIgnoreCase));
        if (!deferred) return new TypedData { String = message.Body.ToString() };
        var content = JsonSerializer.SerializeToUtf8Bytes(new
        {
            message.MessageId,
            message.PopReceipt,
            MessageText = message.Body.ToString(),
            message.DequeueCount,
            message.NextVisibleOn,
            message.InsertedOn,
            message.ExpiresOn,
        });
        return new TypedData
        {
            ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageQueues", ContentType = "application/json", Content = ByteString.CopyFrom(content) },
        };
    }

    public static IEnumerable<KeyValuePair<string, TypedData>> Metadata(QueueMessage message)
    {
        static TypedData Json(object? value) => new() { Json = JsonSerializer.Serialize(value) };
        yield return new("QueueTrigger", new TypedData { String = message.Body.ToString() });
        yield return new("Id", new TypedData { String = message.MessageId });
        yield return new("PopReceipt", new TypedData { String = message.PopReceipt });
        yield return new("DequeueCount", new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) });
        if (message.InsertedOn is { } inserted) yield return new("InsertionTime", Json(inserted));
        if (message.ExpiresOn is { } expires) yield return new("ExpirationTime", Json(expires));
        if (message.NextVisibleOn is { } next) yield return new("NextVisibleTime", Json(next));
    }
}
