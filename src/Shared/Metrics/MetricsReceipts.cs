using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Metrics;

/// <summary>Ingest's part of the metrics: every claim read, by month × payer × provider, one source row per file (a re-drop rewrites the same row).</summary>
public sealed class MetricsReceipts(TableServiceClient tables, TimeProvider time)
{
    public Task RecordAsync(string fileId, ClaimsReceived received, CancellationToken cancellationToken = default) =>
        tables.GetTableClient(StorageNames.Tables.Metrics).UpsertEntityAsync(new MetricsSourceEntity
        {
            PartitionKey = MetricsSourceEntity.FileReceipts,
            RowKey = fileId,
            Json = received.ToContribution(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).Serialize(),
        }, TableUpdateMode.Replace, cancellationToken);
}
