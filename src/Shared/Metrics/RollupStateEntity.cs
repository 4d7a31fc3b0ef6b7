using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Metrics;

/// <summary>The rollup's watermarks (server timestamps of the newest source rows it has applied) and its lease.</summary>
public sealed class RollupStateEntity : ITableEntity
{
    public const string Partition = "rollup";
    public const string StateRow = "state";
    public const string LeaseRow = "lease";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = StateRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset? CasesThrough { get; set; }
    public DateTimeOffset? FilesThrough { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>
    /// Set while a run adds its changes to the rows and records what it applied (several partitions, no transaction);
    /// cleared with the watermarks. A run that finds it set knows the previous one stopped half-way and rebuilds.
    /// </summary>
    public bool Applying { get; set; }
}
