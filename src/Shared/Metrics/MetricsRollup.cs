using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Metrics;

/// <summary>
/// Keeps the Metrics table's pre-aggregated rows equal to a full recomputation, incrementally: each run reads the case
/// rows and file receipts changed since its watermark (server timestamps, with a look-back so nothing written
/// concurrently is missed), computes each source's contribution (<see cref="MetricsContribution.FromCase"/>), and adds
/// the difference from what it applied last time for that source. Seeing a source again with no change adds nothing, so
/// the look-back is harmless. One run at a time (a lease row, checked again before anything is written);
/// <see cref="RebuildAsync"/> recomputes from scratch under the same lease, and so does the next run after one that
/// stopped half-way through writing (<see cref="RollupStateEntity.Applying"/>). What was last applied is read for a
/// page of sources at a time, <see cref="MetricsOptions.RollupReadParallelism"/> requests at once (issue #22).
/// </summary>
public sealed partial class MetricsRollup(
    TableServiceClient tables, CaseStore cases, TimeProvider time, ILogger<MetricsRollup> logger, IOptions<MetricsOptions>? options = null)
{
    private readonly int _readParallelism = Positive((options?.Value ?? new MetricsOptions()).RollupReadParallelism);

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

        var (casesSeen, casesThrough) = await DiffCasesAsync(state.CasesThrough, delta, applied, cancellationToken);
        var (filesSeen, filesThrough) = await DiffFilesAsync(state.FilesThrough, delta, applied, cancellationToken);

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

    /// <summary>The case rows changed since the watermark (less the look-back), diffed page by page: how many, and the new watermark.</summary>
    private async Task<(int Seen, DateTimeOffset? Through)> DiffCasesAsync(
        DateTimeOffset? through, MetricsContribution delta, List<MetricsSourceEntity> applied, CancellationToken cancellationToken)
    {
        var filter = through is { } t
            ? CaseEntity.CaseRowsFilter + " and " + TableClient.CreateQueryFilter($"Timestamp ge {t - LookBack}")
            : CaseEntity.CaseRowsFilter;
        var seen = 0;
        await foreach (var page in Cases.QueryAsync<CaseEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            var sources = page.Values;
            var reads = await ReadPageAsync(sources, ReadCaseAsync, cancellationToken);
            for (var i = 0; i < sources.Count; i++)
            {
                var c = sources[i];
                seen++;
                if (c.Timestamp > through || through is null) through = c.Timestamp;
                Diff("case-" + c.CaseId, MetricsContribution.FromCase(c, reads[i].History), reads[i].Before, delta, applied);
            }
        }
        return (seen, through);
    }

    /// <summary>The files' receipts changed since the watermark (less the look-back), diffed page by page: how many, and the new watermark.</summary>
    private async Task<(int Seen, DateTimeOffset? Through)> DiffFilesAsync(
        DateTimeOffset? through, MetricsContribution delta, List<MetricsSourceEntity> applied, CancellationToken cancellationToken)
    {
        var filter = through is { } t
            ? TableClient.CreateQueryFilter($"PartitionKey eq {MetricsSourceEntity.FileReceipts} and Timestamp ge {t - LookBack}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {MetricsSourceEntity.FileReceipts}");
        var seen = 0;
        await foreach (var page in Metrics.QueryAsync<MetricsSourceEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            var sources = page.Values;
            var before = await ReadPageAsync(sources, (f, token) => ReadAppliedAsync("file-" + f.RowKey, token), cancellationToken);
            for (var i = 0; i < sources.Count; i++)
            {
                var f = sources[i];
                seen++;
                if (f.Timestamp > through || through is null) through = f.Timestamp;
                Diff("file-" + f.RowKey, MetricsContribution.Deserialize(f.Json), before[i], delta, applied);
            }
        }
        return (seen, through);
    }

    /// <summary>Adds the difference between a source's contribution now and what was last applied for it (nothing when equal).</summary>
    private static void Diff(string sourceKey, MetricsContribution now, MetricsContribution before, MetricsContribution delta, List<MetricsSourceEntity> applied)
    {
        if (now.SameAs(before)) return;
        delta.Add(now);
        delta.Add(before, -1);
        applied.Add(new MetricsSourceEntity { PartitionKey = MetricsSourceEntity.Applied, RowKey = sourceKey, Json = now.Serialize() });
    }

    /// <summary>
    /// One read per source of a query page (up to 1,000), at most <see cref="MetricsOptions.RollupReadParallelism"/> in
    /// flight; the answers come back in the page's order and are diffed in that order afterwards, so the figures, what is
    /// recorded as applied and the watermarks are those of one read at a time. Only the reads overlap: nothing is written
    /// before every page is read, a failed read fails the run before its first write (the others are cancelled), and a
    /// page at a time bounds memory. Point reads, not one query per page: the table service has no multi-get, a filter
    /// takes at most 15 comparisons (14 keys beside the partition), and the design guide says an "or" of RowKeys is a
    /// partition scan, not a lookup (learn.microsoft.com/azure/storage/tables/table-storage-design-for-query) — of the
    /// `applied` partition, which holds a row for every case there ever was; changed cases are scattered through it, so a
    /// RowKey range would read the unchanged ones between them too. A point read costs the same whatever the partition's
    /// size (`LoadBench rollup` measures both: docs/benchmarks.md, "The metrics rollup's reads").
    /// </summary>
    private async Task<T[]> ReadPageAsync<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var results = new T[items.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _readParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), parallel, async (i, ct) => results[i] = await read(items[i], ct));
        return results;
    }

    private sealed record CaseReads(IReadOnlyList<CaseHistoryEntity> History, MetricsContribution Before);

    /// <summary>A case's history (when its metrics need it) and then what was last applied for it: one after the other, so one read in flight per case.</summary>
    private async Task<CaseReads> ReadCaseAsync(CaseEntity c, CancellationToken cancellationToken) =>
        new(await HistoryForMetricsAsync(c, cancellationToken), await ReadAppliedAsync("case-" + c.CaseId, cancellationToken));

    private async Task<MetricsContribution> ReadAppliedAsync(string sourceKey, CancellationToken cancellationToken) =>
        (await Metrics.GetEntityIfExistsAsync<MetricsSourceEntity>(MetricsSourceEntity.Applied, sourceKey, cancellationToken: cancellationToken)) is { HasValue: true } r
            ? MetricsContribution.Deserialize(r.Value!.Json) : new MetricsContribution();

    private static int Positive(int parallelism) =>
        parallelism >= 1 ? parallelism : throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Metrics:RollupReadParallelism must be at least 1.");

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
