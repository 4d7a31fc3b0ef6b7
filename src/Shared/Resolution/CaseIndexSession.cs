using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;

namespace DenialPipeline.Resolution;

/// <summary>
/// The index as one ingest sees it. Lookups start as point reads; once a payer has had <see cref="BulkAfterLookups"/>
/// lookups in this session (a big file), its whole partition is read in one query (pages of 1,000) and later lookups
/// are answered from memory — a 10,000-claim file costs a few requests, not 20,000. Additions are kept in memory and
/// written by <see cref="FlushAsync"/> (called when a payer has <see cref="BatchSize"/> changed rows, and by ingest
/// before the file is marked processed) as entity-group transactions of up to 100 rows, each row ETag-checked: when
/// another ingest changed a row meanwhile the batch fails as a whole and its rows are merged one by one (read, union
/// the ids, write under the new ETag), so no id is ever lost. Thread-safe: ingest opens up to 16 cases at once.
/// </summary>
public sealed class CaseIndexSession(TableClient table)
{
    public const int BulkAfterLookups = 64, MaxBulkRows = 200_000, BatchSize = 100;

    private sealed class Row
    {
        public string Kind = "";
        public List<string> Ids = [];
        public ETag ETag;
        public bool Stored;
        public bool Dirty;
    }

    private sealed class Partition
    {
        public int Lookups;
        public Task<bool>? Loading;
        public bool Loaded;
        public int DirtyCount;
        public readonly Dictionary<string, Row> Rows = [];
    }

    private readonly Dictionary<string, Partition> _partitions = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Requests this session made (point reads, queries pages, transactions, single writes): for tests and benchmarks.</summary>
    public int Requests => _requests;
    private int _requests;

    public async Task<IReadOnlyList<string>> FindAsync(IEnumerable<IndexKey> keys, CancellationToken ct = default)
    {
        var ids = new List<string>();
        foreach (var key in keys.Distinct())
            if (await GetRowAsync(key, ct) is { } row)
                lock (_gate) Merge(ids, row.Ids);
        return ids;
    }

    /// <summary>Files the case under its keys (in memory until flushed) and returns every case id under those keys and <paramref name="otherKeys"/>.</summary>
    public async Task<IReadOnlyList<string>> AddAndFindAsync(CaseEntity c, IEnumerable<IndexKey> otherKeys, CancellationToken ct = default)
    {
        var ids = new List<string>();
        var own = CaseIndex.KeysOf(c).ToList();
        var flush = false;
        foreach (var (key, kind) in own)
        {
            var row = await GetRowAsync(key, ct);
            lock (_gate)
            {
                var p = _partitions[key.Partition];
                if (row is null && !p.Rows.TryGetValue(key.Row, out row))
                    p.Rows[key.Row] = row = new Row { Kind = kind };
                if (!row.Ids.Contains(c.CaseId))
                {
                    row.Ids.Add(c.CaseId);
                    if (!row.Dirty) { row.Dirty = true; p.DirtyCount++; }
                }
                flush |= p.DirtyCount >= BatchSize;
                Merge(ids, row.Ids);
            }
        }
        if (flush) await FlushAsync(ct);
        Merge(ids, await FindAsync(otherKeys.Where(k => own.All(o => o.Key != k)), ct));
        return ids;
    }

    /// <summary>Writes every addition not yet stored.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            List<(string Partition, List<(string RowKey, Row Row, CaseIndexEntity Entity)> Rows)> work = [];
            lock (_gate)
            {
                foreach (var (name, p) in _partitions)
                {
                    if (p.DirtyCount == 0) continue;
                    var rows = p.Rows.Where(r => r.Value.Dirty).Select(r => (r.Key, r.Value, new CaseIndexEntity
                    {
                        PartitionKey = name, RowKey = r.Key, Kind = r.Value.Kind, CaseIds = string.Join(',', r.Value.Ids), ETag = r.Value.ETag,
                    })).ToList();
                    foreach (var r in rows) r.Value.Dirty = false;
                    p.DirtyCount = 0;
                    work.Add((name, rows));
                }
            }
            foreach (var (_, rows) in work)
                foreach (var chunk in rows.Chunk(BatchSize))
                    await WriteChunkAsync(chunk, ct);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task WriteChunkAsync((string RowKey, Row Row, CaseIndexEntity Entity)[] chunk, CancellationToken ct)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            var result = await table.SubmitTransactionAsync(chunk.Select(r => r.Row.Stored
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, r.Entity, r.Entity.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, r.Entity)), ct);
            lock (_gate)
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i].Row.Stored = true;
                    chunk[i].Row.ETag = result.Value[i].Headers.ETag ?? chunk[i].Row.ETag;
                }
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another ingest wrote one of these rows since we read it: merge each row on its own.
            foreach (var r in chunk) await MergeOneAsync(r.Entity.PartitionKey, r.RowKey, r.Row, ct);
        }
    }

    private async Task MergeOneAsync(string partition, string rowKey, Row row, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            Interlocked.Increment(ref _requests);
            var current = await table.GetEntityIfExistsAsync<CaseIndexEntity>(partition, rowKey, cancellationToken: ct);
            CaseIndexEntity entity;
            lock (_gate)
            {
                var ids = current.HasValue ? CaseIndexEntity.Split(current.Value!.CaseIds) : [];
                Merge(ids, row.Ids);
                row.Ids = ids;
                entity = new CaseIndexEntity { PartitionKey = partition, RowKey = rowKey, Kind = row.Kind, CaseIds = string.Join(',', ids) };
            }
            try
            {
                Interlocked.Increment(ref _requests);
                var r = current.HasValue
                    ? await table.UpdateEntityAsync(entity, current.Value!.ETag, TableUpdateMode.Replace, ct)
                    : await table.AddEntityAsync(entity, ct);
                lock (_gate)
                {
                    row.Stored = true;
                    row.ETag = r.Headers.ETag ?? row.ETag;
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 * (attempt + 1)), ct);
            }
        }
    }

    private async Task<Row?> GetRowAsync(IndexKey key, CancellationToken ct)
    {
        Partition p;
        Task<bool>? loading;
        lock (_gate)
        {
            if (!_partitions.TryGetValue(key.Partition, out p!)) _partitions[key.Partition] = p = new Partition();
            if (p.Rows.TryGetValue(key.Row, out var known)) return known;
            if (p.Loaded) return null;
            p.Lookups++;
            if (p.Loading is null && p.Lookups > BulkAfterLookups) p.Loading = LoadAsync(key.Partition, p, ct);
            loading = p.Loading;
        }
        if (loading is not null && await loading)
            lock (_gate) return p.Rows.GetValueOrDefault(key.Row);

        Interlocked.Increment(ref _requests);
        var r = await table.GetEntityIfExistsAsync<CaseIndexEntity>(key.Partition, key.Row, cancellationToken: ct);
        if (!r.HasValue) return null;
        lock (_gate)
        {
            if (p.Rows.TryGetValue(key.Row, out var raced)) return raced;
            var row = new Row { Kind = r.Value!.Kind, Ids = CaseIndexEntity.Split(r.Value.CaseIds), ETag = r.Value.ETag, Stored = true };
            p.Rows[key.Row] = row;
            return row;
        }
    }

    /// <summary>Reads the payer's whole partition (false, and point reads go on, when it holds more than <see cref="MaxBulkRows"/>).</summary>
    private async Task<bool> LoadAsync(string partition, Partition p, CancellationToken ct)
    {
        var loaded = new Dictionary<string, Row>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in table.QueryAsync<CaseIndexEntity>(filter, maxPerPage: 1000, cancellationToken: ct).AsPages())
        {
            Interlocked.Increment(ref _requests);
            foreach (var e in page.Values)
                loaded[e.RowKey] = new Row { Kind = e.Kind, Ids = CaseIndexEntity.Split(e.CaseIds), ETag = e.ETag, Stored = true };
            if (loaded.Count > MaxBulkRows) return false;
        }
        lock (_gate)
        {
            foreach (var (k, row) in loaded) p.Rows.TryAdd(k, row); // rows this session already read or changed win
            p.Loaded = true;
        }
        return true;
    }

    private static void Merge(List<string> into, IEnumerable<string> ids)
    {
        foreach (var id in ids)
            if (!into.Contains(id)) into.Add(id);
    }
}
