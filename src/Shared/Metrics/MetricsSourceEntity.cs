using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Metrics;

/// <summary>A source's contribution (PartitionKey "src-file": a file's receipts) or what the rollup last applied for a source (PartitionKey "applied").</summary>
public sealed class MetricsSourceEntity : ITableEntity
{
    public const string FileReceipts = "src-file";
    public const string Applied = "applied";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Json { get; set; } = "[]";
}
