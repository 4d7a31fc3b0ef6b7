using System.Text.Json;
using DenialPipeline.FunctionsHost.Rpc;

namespace DenialPipeline.FunctionsHost;

/// <summary>One binding of a function as the worker indexed it (a raw binding: its JSON object).</summary>
public sealed record FunctionBinding(string Name, string Type, string Direction, JsonElement Raw)
{
    /// <summary>A property of the binding (<c>queueName</c>, <c>route</c>, <c>schedule</c>…), matched case-insensitively.</summary>
    public string? Property(string name) =>
        Raw.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } p
            ? p.Value.GetString()
            : null;

    /// <summary>A string-array property (an HTTP trigger's <c>methods</c>); empty when absent.</summary>
    public IReadOnlyList<string> Strings(string name) =>
        Raw.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.Array } p
            ? p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
            : [];

    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public static FunctionBinding Parse(string rawBinding)
    {
        using var doc = JsonDocument.Parse(rawBinding);
        var raw = doc.RootElement.Clone();
        string Get(string name) => raw.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value
            is { ValueKind: JsonValueKind.String } v ? v.GetString()! : "";
        return new FunctionBinding(Get("name"), Get("type"), Get("direction"), raw);
    }

    /// <summary>The binding as the host sends it in a FunctionLoadRequest (type, direction, the <c>properties</c> object).</summary>
    internal BindingInfo ToBindingInfo()
    {
        var info = new BindingInfo
        {
            Type = Type,
            Direction = Direction.ToLowerInvariant() switch { "out" => BindingInfo.Types.Direction.Out, "inout" => BindingInfo.Types.Direction.Inout, _ => BindingInfo.Types.Direction.In },
        };
        if (Raw.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            foreach (var p in props.EnumerateObject()) info.Properties[p.Name] = p.Value.ToString();
        return info;
    }
}

/// <summary>A function the worker reported (FunctionMetadataResponse, or functions.metadata when the worker leaves indexing to the host).</summary>
public sealed record FunctionDescriptor(string Id, string Name, string ScriptFile, string EntryPoint, string Directory, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding Trigger => Bindings.FirstOrDefault(b => b.IsTrigger)
        ?? throw new InvalidOperationException($"Function '{Name}' has no trigger binding.");

    internal static FunctionDescriptor From(RpcFunctionMetadata m) =>
        new(string.IsNullOrEmpty(m.FunctionId) ? Guid.NewGuid().ToString() : m.FunctionId, m.Name, m.ScriptFile, m.EntryPoint, m.Directory,
            m.RawBindings.Select(FunctionBinding.Parse).ToList());

    /// <summary>functions.metadata, the build-time index the host reads when the worker does not index (use_default_metadata_indexing).</summary>
    internal static IReadOnlyList<FunctionDescriptor> FromMetadataFile(string appDirectory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(appDirectory, "functions.metadata")));
        return doc.RootElement.EnumerateArray().Select(f => new FunctionDescriptor(
            Guid.NewGuid().ToString(), f.GetProperty("name").GetString()!, f.GetProperty("scriptFile").GetString()!,
            f.GetProperty("entryPoint").GetString()!, appDirectory,
            f.GetProperty("bindings").EnumerateArray().Select(b => FunctionBinding.Parse(b.GetRawText())).ToList())).ToList();
    }

    /// <summary>The host's GetFunctionLoadRequest: name, directory, script file, entry point and the bindings.</summary>
    internal FunctionLoadRequest ToLoadRequest()
    {
        var metadata = new RpcFunctionMetadata { Name = Name, Directory = Directory, ScriptFile = ScriptFile, EntryPoint = EntryPoint, FunctionId = Id };
        foreach (var b in Bindings)
        {
            metadata.Bindings[b.Name] = b.ToBindingInfo();
            metadata.RawBindings.Add(b.Raw.GetRawText());
        }
        return new FunctionLoadRequest { FunctionId = Id, Metadata = metadata };
    }
}
