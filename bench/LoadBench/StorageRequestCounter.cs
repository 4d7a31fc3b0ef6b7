using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using DenialPipeline.Hosting;
using DenialPipeline.Pipeline;

namespace DenialPipeline.Bench;

/// <summary>
/// Counts the storage requests the pipeline's own clients send (issue #22), per stage (<see cref="StageRunner.CurrentStage"/>;
/// "drop/api" outside a stage) and kind — table point reads, queries, inserts, updates, batches; queue sends, receives,
/// deletes; blob reads and writes — with the table partitions touched. Added per retry, so a retried request counts as
/// the service bills it. The WebJobs queue listener's own receives/deletes use its own clients: LoadBench counts those
/// through the SDK's diagnostic scopes instead.
/// </summary>
public sealed partial class StorageRequestCounter(string service) : HttpPipelinePolicy
{
    public static volatile bool Enabled;

    /// <summary>What to charge requests made outside a stage to (e.g. the metrics rollup LoadBench runs after the pipeline).</summary>
    public static readonly AsyncLocal<string?> Label = new();

    /// <summary>The three clients as the pipeline configures them, each with a counter: registered over the pipeline's own.</summary>
    public static void Register(IServiceCollection services, string connectionString)
    {
        T With<T>(T options, string name) where T : ClientOptions
        {
            StorageEndpoints.Configured(options);
            options.AddPolicy(new StorageRequestCounter(name), HttpPipelinePosition.PerRetry);
            return options;
        }
        services.AddSingleton(_ => new Azure.Data.Tables.TableServiceClient(connectionString, With(new Azure.Data.Tables.TableClientOptions(), "table")));
        services.AddSingleton(_ => new Azure.Storage.Queues.QueueServiceClient(connectionString,
            With(new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 }, "queue")));
        services.AddSingleton(_ => new Azure.Storage.Blobs.BlobServiceClient(connectionString, With(new Azure.Storage.Blobs.BlobClientOptions(), "blob")));
    }

    /// <summary>(stage, kind) → requests.</summary>
    public static readonly ConcurrentDictionary<(string Stage, string Kind), long> Requests = new();

    /// <summary>(table, partition) → requests that named it (point operations, partition queries, inserts and batches).</summary>
    public static readonly ConcurrentDictionary<(string Table, string Partition), long> Partitions = new();

    /// <summary>(table, partition) → entities written or read by point operations and transactions (a query counts once).</summary>
    public static readonly ConcurrentDictionary<(string Table, string Partition), long> PartitionEntities = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(Request request)
    {
        if (!Enabled) return;
        var stage = StageRunner.CurrentStage ?? Label.Value ?? "drop/api";
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var query = Uri.UnescapeDataString(request.Uri.Query);
        var method = request.Method.Method;
        var kind = service switch
        {
            "table" => TableKind(method, path, query),
            "queue" => QueueKind(method, path, query),
            _ => $"blob {method switch { "GET" => "read", "PUT" => "write", "HEAD" => "properties", _ => method.ToLowerInvariant() }}",
        };
        Requests.AddOrUpdate((stage, kind), 1, (_, n) => n + 1);
        if (service == "table") CountPartitions(request, path, query);
    }

    private static string TableKind(string method, string path, string query)
    {
        var entity = path.Contains("(PartitionKey=", StringComparison.Ordinal);
        return method switch
        {
            "GET" when entity => "table point read",
            "GET" when query.Contains("PartitionKey eq", StringComparison.Ordinal) => "table partition query",
            "GET" => "table scan query",
            "POST" when path.EndsWith("$batch", StringComparison.Ordinal) => "table batch",
            "POST" when path.EndsWith("/Tables", StringComparison.Ordinal) => "table create",
            "POST" => "table insert",
            "PUT" or "MERGE" or "PATCH" => "table upsert/update",
            "DELETE" => "table delete",
            _ => "table " + method.ToLowerInvariant(),
        };
    }

    private static string QueueKind(string method, string path, string query) =>
        (method, path.Contains("/messages", StringComparison.Ordinal)) switch
        {
            ("POST", true) => "queue send",
            ("GET", true) => query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "queue peek" : "queue receive",
            ("DELETE", true) => "queue delete",
            ("PUT", true) => "queue update (visibility)",
            ("GET", false) => "queue properties",
            _ => "queue " + method.ToLowerInvariant(),
        };

    private static void CountPartitions(Request request, string path, string query)
    {
        var table = TableOf(request.Uri.Path);
        if (PathKey().Match(path) is { Success: true } p) { Add(table, p.Groups[1].Value); return; }
        if (FilterKey().Match(query) is { Success: true } f) { Add(table, f.Groups[1].Value); return; }
        if (request.Content is null || request.Method != RequestMethod.Post) return;
        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        // An insert names one partition; a batch (one partition by the service's rule) names it once per operation.
        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        var keys = BodyKey().Matches(text).Concat(PathKey().Matches(text)).Select(m => m.Groups[1].Value).Distinct().ToList();
        // Azure's partition target counts entities, not requests: a transaction's operations are its entities.
        var operations = table == "$batch" ? Math.Max(1, SubRequest().Matches(text).Count) : 1;
        foreach (var key in keys) Add(table == "$batch" ? BatchTable(text) : table, key, operations);
    }

    private static string BatchTable(string body)
    {
        if (BatchTableName().Match(body) is { Success: true } m) return m.Groups[1].Value;
        if (Environment.GetEnvironmentVariable("LOADBENCH_DUMP_BATCH") is { Length: > 0 } && Interlocked.Exchange(ref _dumped, 1) == 0)
            Console.Error.WriteLine("unparsed batch body: " + body[..Math.Min(body.Length, 1200)]);
        return "$batch";
    }

    private static int _dumped;

    /// <summary>
    /// The table a request names: the last path segment up to its "(" — "/devstoreaccount1/Cases(PartitionKey=…)" on the
    /// emulator (path-style account), "/Cases()" on Azure (account in the host name), "$batch" for a transaction.
    /// Read from the raw path, where a key's "/" is still escaped.
    /// </summary>
    public static string TableOf(string rawPath)
    {
        var last = rawPath.TrimEnd('/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString(paren >= 0 ? last[..paren] : last);
        return name.Length > 0 ? name : "?";
    }

    private static void Add(string table, string partition, int entities = 1)
    {
        Partitions.AddOrUpdate((table, Shape(partition)), 1, (_, n) => n + 1);
        PartitionEntities.AddOrUpdate((table, Shape(partition)), entities, (_, n) => n + entities);
    }

    // Case ids and dates vary per denial: the shape (digits as #) says which partition scheme is hot without listing every key.
    private static string Shape(string partition) => partition.Length > 24 ? Digits().Replace(partition, "#") : partition;

    [GeneratedRegex(@"\(PartitionKey='([^']*)'")] private static partial Regex PathKey();
    [GeneratedRegex(@"PartitionKey eq '([^']*)'")] private static partial Regex FilterKey();
    [GeneratedRegex("\"PartitionKey\":\"([^\"]*)\"")] private static partial Regex BodyKey();
    // A transaction's sub-requests: "PUT http://host/account/Cases(PartitionKey=…) HTTP/1.1", "POST http://host/account/Cases?$format=… HTTP/1.1".
    [GeneratedRegex(@"(?:PUT|POST|PATCH|MERGE|DELETE|GET) \S*/([A-Za-z][A-Za-z0-9]*)(?:\(|\?|\s)")] private static partial Regex BatchTableName();
    [GeneratedRegex(@"[0-9]+")] private static partial Regex Digits();
    [GeneratedRegex(@"^(?:PUT|POST|PATCH|MERGE|DELETE) \S+ HTTP/1\.1", RegexOptions.Multiline)] private static partial Regex SubRequest();
}
