using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Metrics;

/// <summary>A pre-aggregated row of the Metrics table: PartitionKey "m-yyyy-MM" or "open", RowKey hash of the dimensions.</summary>
public sealed class MetricsRowEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Payer { get; set; } = "";
    public string Category { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Coder { get; set; } = "";
    /// <summary>JSON object of counter name → integer (see <see cref="Counter"/>).</summary>
    public string Counters { get; set; } = "{}";

    [IgnoreDataMember]
    public MetricsCellKey Key => new(PartitionKey, Payer, Category, Provider, Coder);

    public SortedDictionary<string, long> ReadCounters() =>
        JsonSerializer.Deserialize<SortedDictionary<string, long>>(Counters, MessageJson.Options) is { } d ? new(d, StringComparer.Ordinal) : new(StringComparer.Ordinal);
}
