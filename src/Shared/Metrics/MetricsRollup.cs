using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Metrics;

/// <summary>
/// Keeps the Metrics table's pre-aggregated rows equal to a full recomputation, incrementally: each run reads the case
/// rows and file receipts changed since its watermark (server timestamps, with a look-back so nothing written
/// concurrently is missed), computes each source's contribution (<see cref="MetricsContribution.FromCase"/>), and adds
/// the difference from what it applied last time for that source. Seeing a source again with no change adds nothing, so
/// the look-back is harmless. One run at a time (a lease row, checked again before anything is written);
/// <see cref="RebuildAsync"/> recomputes from scratch under the same lease, and so does the next run after one that
/// stopped half-way through writing (<see cref="RollupStateEntity.Applying"/>).
/// </summary>
public sealed partial class MetricsRollup(TableServiceClient tables, CaseStore cases, TimeProvider time, ILogger<MetricsRollup> logger)
{
    public static readonly TimeSpan LookBack = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(10);

    private TableClient Metrics => tables.GetTableClient(StorageNames.Tables.Metrics);
    private TableClient Cases => tables.GetTableClient(StorageNames.Tables.Cases);

    public Task<RollupResult> RunAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: false, cancellationToken);

    /// <summary>Deletes the aggregated rows, what was applied and the watermarks, then rolls everything up again (under the same lease as a run).</summary>
    public Task<RollupResult> RebuildAsync(CancellationToken cancellationToken = default) => RunAsync(rebuild: true, cancellationToken);

    private async Task<RollupResult> RunAsync(bool rebuild, CancellationToken cancellationToken)
    {
        var lease = new Lease(await TryLeaseAsync(cancellationToken));
        if (lease.ETag is null)
        {
            LogBusy(logger);
            return new RollupResult(false, 0, 0, 0, 0);
        }
        try
        {
            var state = (await Metrics.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow, cancellationToken: cancellationToken)) is { HasValue: true } s
                ? s.Value! : new RollupStateEntity();
            if (state.Applying && !rebuild)
            {
                // The previous run stopped between adding to the rows and recording what it added: the rows cannot be
                // trusted incrementally any more, so they are recomputed from scratch.
                LogRebuildAfterInterruptedRun(logger);
                rebuild = true;
            }
            if (rebuild)
            {
                await DeleteAggregatesAsync(cancellationToken);
                state = new RollupStateEntity();
            }
            return await RunLeasedAsync(state, lease, cancellationToken);
        }
        finally
        {
            try { await Metrics.DeleteEntityAsync(RollupStateEntity.Partition, RollupStateEntity.LeaseRow, lease.ETag!.Value, CancellationToken.None); }
            catch (RequestFailedException) { /* expired and taken over: the other run owns it now */ }
        }
    }

    private sealed class Lease(ETag? etag)
    {
        public ETag? ETag { get; set; } = etag;
    }

    /// <summary>Extends the lease; throws when another run has taken it over (this run then stops before changing anything more).</summary>
    private async Task RenewAsync(Lease lease, CancellationToken cancellationToken)
    {
        var renewed = new RollupStateEntity { RowKey = RollupStateEntity.LeaseRow, LeaseUntil = time.GetUtcNow() + LeaseFor };
        try
        {
            lease.ETag = (await Metrics.UpdateEntityAsync(renewed, lease.ETag!.Value, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            throw new InvalidOperationException("The metrics rollup's lease expired and another run took it over; this run stopped.", ex);
        }
    }

    private async Task<RollupResult> RunLeasedAsync(RollupStateEntity state, Lease lease, CancellationToken cancellationToken)
    {
        var delta = new MetricsContribution();
        var applied = new List<MetricsSourceEntity>();

        var casesFilter = state.CasesThrough is { } ct
            ? CaseEntity.CaseRowsFilter + " and " + TableClient.CreateQueryFilter($"Timestamp ge {ct - LookBack}")
            : CaseEntity.CaseRowsFilter;
        int casesSeen = 0, filesSeen = 0;
        var casesThrough = state.CasesThrough;
        await foreach (var c in Cases.QueryAsync<CaseEntity>(casesFilter, cancellationToken: cancellationToken))
        {
            casesSeen++;
            if (c.Timestamp > casesThrough || casesThrough is null) casesThrough = c.Timestamp;
            var now = MetricsContribution.FromCase(c, await HistoryForMetricsAsync(c, cancellationToken));
            await DiffAsync("case-" + c.CaseId, now, delta, applied, cancellationToken);
        }

        var filesFilter = state.FilesThrough is { } ft
            ? TableClient.CreateQueryFilter($"PartitionKey eq {MetricsSourceEntity.FileReceipts} and Timestamp ge {ft - LookBack}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {MetricsSourceEntity.FileReceipts}");
        var filesThrough = state.FilesThrough;
        await foreach (var f in Metrics.QueryAsync<MetricsSourceEntity>(filesFilter, cancellationToken: cancellationToken))
        {
            filesSeen++;
            if (f.Timestamp > filesThrough || filesThrough is null) filesThrough = f.Timestamp;
            await DiffAsync("file-" + f.RowKey, MetricsContribution.Deserialize(f.Json), delta, applied, cancellationToken);
        }

        // Still ours? Then mark the state, change the rows, record what was applied, and clear the mark with the
        // watermarks. Stopping anywhere in between leaves the mark, and the next run rebuilds instead of adding twice.
        await RenewAsync(lease, cancellationToken);
        var rows = 0;
        if (applied.Count > 0)
        {
            state.Applying = true;
            await Metrics.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);
            rows = await ApplyAsync(delta, cancellationToken);
            await RecordAppliedAsync(applied, cancellationToken);
        }

        state.Applying = false;
        state.CasesThrough = casesThrough;
        state.FilesThrough = filesThrough;
        state.LastRunAt = time.GetUtcNow();
        await Metrics.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);
        LogRolledUp(logger, casesSeen, filesSeen, applied.Count, rows);
        return new RollupResult(true, casesSeen, filesSeen, applied.Count, rows);
    }

    private async Task DiffAsync(string sourceKey, MetricsContribution now, MetricsContribution delta, List<MetricsSourceEntity> applied, CancellationToken cancellationToken)
    {
        var before = (await Metrics.GetEntityIfExistsAsync<MetricsSourceEntity>(MetricsSourceEntity.Applied, sourceKey, cancellationToken: cancellationToken)) is { HasValue: true } r
            ? MetricsContribution.Deserialize(r.Value!.Json) : new MetricsContribution();
        if (now.SameAs(before)) return;
        delta.Add(now);
        delta.Add(before, -1);
        applied.Add(new MetricsSourceEntity { PartitionKey = MetricsSourceEntity.Applied, RowKey = sourceKey, Json = now.Serialize() });
    }

    /// <summary>
    /// Records what was applied per source: every row is in the one <see cref="MetricsSourceEntity.Applied"/> partition, so
    /// they go in transactions of up to 100 instead of one request per changed case (issue #22). A run stopped half-way
    /// leaves <see cref="RollupStateEntity.Applying"/> set, and the next run rebuilds, as with single writes.
    /// </summary>
    private async Task RecordAppliedAsync(List<MetricsSourceEntity> applied, CancellationToken cancellationToken)
    {
        // A transaction may not name a row twice: the later contribution of a source wins, as the single writes did.
        var unique = applied.GroupBy(a => a.RowKey, StringComparer.Ordinal).Select(g => g.Last());
        foreach (var chunk in unique.Chunk(MaxTransactionRows))
            await Metrics.SubmitTransactionAsync(chunk.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, a)), cancellationToken);
    }

    /// <summary>The service's limit on one entity-group transaction.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>Adds the counters to their rows (ETag-guarded read-modify-write; rows that reach zero everywhere are deleted).</summary>
    private async Task<int> ApplyAsync(MetricsContribution delta, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (key, counters) in delta.Cells)
        {
            for (var attempt = 0; ; attempt++)
            {
                var existing = await Metrics.GetEntityIfExistsAsync<MetricsRowEntity>(key.Partition, key.RowKey, cancellationToken: cancellationToken);
                var row = existing.HasValue ? existing.Value! : new MetricsRowEntity
                {
                    PartitionKey = key.Partition, RowKey = key.RowKey, Payer = key.Payer, Category = key.Category, Provider = key.Provider, Coder = key.Coder,
                };
                var merged = row.ReadCounters();
                foreach (var (name, value) in counters)
                {
                    merged[name] = merged.GetValueOrDefault(name) + value;
                    if (merged[name] == 0) merged.Remove(name);
                }
                row.Counters = JsonSerializer.Serialize(merged, MessageJson.Options);
                try
                {
                    if (!existing.HasValue) await Metrics.AddEntityAsync(row, cancellationToken);
                    else if (merged.Count == 0) await Metrics.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                    else await Metrics.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                    written++;
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 8)
                {
                    // Another writer got there first: read again.
                }
            }
        }
        return written;
    }

    /// <summary>The aggregated rows as stored (all of them).</summary>
    public async Task<MetricsContribution> ReadStoredAsync(CancellationToken cancellationToken = default)
    {
        var result = new MetricsContribution();
        var filter = TableClient.CreateQueryFilter($"(PartitionKey ge {"m-"} and PartitionKey lt {"m."}) or PartitionKey eq {MetricsCellKey.OpenPartition}");
        await foreach (var row in Metrics.QueryAsync<MetricsRowEntity>(filter, cancellationToken: cancellationToken))
            foreach (var (name, value) in row.ReadCounters())
                result.Add(row.Key, name, value);
        return result;
    }

    /// <summary>A full recomputation from every case (and its history) and every file's receipts: what the rows must equal.</summary>
    public async Task<MetricsContribution> RecomputeAsync(CancellationToken cancellationToken = default)
    {
        var result = new MetricsContribution();
        foreach (var c in await cases.ListAsync(cancellationToken: cancellationToken))
            result.Add(MetricsContribution.FromCase(c, await HistoryForMetricsAsync(c, cancellationToken)));
        await foreach (var f in Metrics.QueryAsync<MetricsSourceEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {MetricsSourceEntity.FileReceipts}"), cancellationToken: cancellationToken))
            result.Add(MetricsContribution.Deserialize(f.Json));
        return result;
    }

    /// <summary>
    /// Metrics read only the approvals from a case's history: a case that has none (counted on the case by CaseStore)
    /// costs no history query — most cases of a busy rollup are new ones.
    /// </summary>
    private async Task<IReadOnlyList<CaseHistoryEntity>> HistoryForMetricsAsync(CaseEntity c, CancellationToken cancellationToken) =>
        c.HistoryCounted && c.ApprovalEvents == 0 ? [] : await cases.HistoryAsync(c.CaseId, cancellationToken);

    /// <summary>Deletes the aggregated rows, what was applied and the watermarks (the caller holds the lease).</summary>
    private async Task DeleteAggregatesAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"(PartitionKey ge {"m-"} and PartitionKey lt {"m."}) or PartitionKey eq {MetricsCellKey.OpenPartition} or PartitionKey eq {MetricsSourceEntity.Applied} or (PartitionKey eq {RollupStateEntity.Partition} and RowKey eq {RollupStateEntity.StateRow})");
        // Rows come in partition order: deleted in transactions of up to 100 per partition, not one request per row.
        var batch = new List<TableEntity>(MaxTransactionRows);
        await foreach (var e in Metrics.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (batch.Count == MaxTransactionRows || (batch.Count > 0 && batch[0].PartitionKey != e.PartitionKey))
                await DeleteBatchAsync(batch, cancellationToken);
            batch.Add(e);
        }
        if (batch.Count > 0) await DeleteBatchAsync(batch, cancellationToken);
    }

    private async Task DeleteBatchAsync(List<TableEntity> batch, CancellationToken cancellationToken)
    {
        await Metrics.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)).ToList(), cancellationToken);
        batch.Clear();
    }

    private async Task<ETag?> TryLeaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = new RollupStateEntity { RowKey = RollupStateEntity.LeaseRow, LeaseUntil = now + LeaseFor };
        try
        {
            return (await Metrics.AddEntityAsync(lease, cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var current = await Metrics.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.LeaseRow, cancellationToken: cancellationToken);
            if (!current.HasValue) return await TryLeaseAsync(cancellationToken);
            if (current.Value!.LeaseUntil > now) return null;
            try
            {
                return (await Metrics.UpdateEntityAsync(lease, current.Value.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
            }
            catch (RequestFailedException again) when (again.Status is 412 or 404)
            {
                return null;
            }
        }
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "MetricsRollup: {Cases} cases and {Files} files seen, {Changed} sources changed, {Rows} rows written")]
    private static partial void LogRolledUp(ILogger logger, int cases, int files, int changed, int rows);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "MetricsRollup: another run holds the lease; skipped")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "MetricsRollup: the previous run stopped while applying its changes; rebuilding the metrics from every case and file")]
    private static partial void LogRebuildAfterInterruptedRun(ILogger logger);
}
