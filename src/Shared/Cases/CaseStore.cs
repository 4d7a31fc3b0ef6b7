using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;

namespace DenialPipeline.Cases;

/// <summary>
/// Reads and changes cases. Every change is an optimistic (ETag) update of the case row plus an insert of its
/// history row, in one transaction: concurrent writers retry, redelivered messages see the change already made.
/// </summary>
public sealed class CaseStore(TableServiceClient tables, TimeProvider time)
{
    private TableClient Table => tables.GetTableClient(StorageNames.Tables.Cases);
    private readonly RecentCases _recent = new(time);

    /// <summary>Creates the case with its first history row. False when it already exists (a redelivery or re-drop).</summary>
    public async Task<bool> CreateAsync(CaseEntity entity, CaseChange change, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        entity.Revision = 1;
        entity.CreatedAt = now;
        entity.UpdatedAt = now;
        if (change.ToStatus is { } s) entity.StatusValue = s;
        Count(entity, change, fresh: true);
        var history = History(entity.CaseId, 1, now, change, fromStatus: null, entity.Status);
        try
        {
            var result = await Table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, history)],
                cancellationToken);
            if (result.Value[0].Headers.ETag is { } etag)
            {
                entity.ETag = etag;
                _recent.Put(entity);
            }
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// The case for a pipeline stage that is about to change it (research, drafting): the version this process wrote in
    /// the last minute if there is one (ingest creates a case and research takes it up seconds later; research saves it
    /// and drafting takes it up), else a read. Each written version is handed out once. Safe because the stage's change
    /// goes through <see cref="ChangeAsync(CaseEntity, Func{CaseEntity, CaseChange?}, CancellationToken)"/>, whose write
    /// is guarded by this version's ETag: if anyone changed the case since (another host, a coder), the write fails, the
    /// case is read and the change decided again. What a page or the API shows always comes from <see cref="GetAsync"/>.
    /// </summary>
    /// <param name="usable">
    /// Whether the stage would act on the version (e.g. research: New or Unmatched). A version it would skip is never
    /// trusted: the skip is decided on a fresh read, since another host may have moved the case on meanwhile.
    /// </param>
    public async Task<CaseEntity?> GetForChangeAsync(string caseId, Func<CaseEntity, bool> usable, CancellationToken cancellationToken = default) =>
        _recent.Take(caseId) is { } recent && usable(recent) ? recent : await GetAsync(caseId, cancellationToken);

    public async Task<CaseEntity?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(caseId)) return null;
        var r = await Table.GetEntityIfExistsAsync<CaseEntity>(caseId, CaseEntity.RowKeyOf(caseId), cancellationToken: cancellationToken);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>
    /// Applies <paramref name="decide"/> to the current case and saves the result with its history row.
    /// <paramref name="decide"/> mutates the entity and returns the change, or null when there is nothing to do
    /// (the change was already made). Returns the case as saved, or null when it does not exist.
    /// </summary>
    public Task<(CaseEntity? Case, bool Changed)> ChangeAsync(
        string caseId, Func<CaseEntity, CaseChange?> decide, CancellationToken cancellationToken = default) =>
        ChangeCoreAsync(caseId, null, decide, cancellationToken);

    /// <summary>
    /// As <see cref="ChangeAsync(string, Func{CaseEntity, CaseChange?}, CancellationToken)"/>, starting from the case as the
    /// caller just read it (saves a read; its ETag still guards the write, and a conflict reads the case again).
    /// <paramref name="known"/> may be changed by <paramref name="decide"/>.
    /// </summary>
    public Task<(CaseEntity? Case, bool Changed)> ChangeAsync(
        CaseEntity known, Func<CaseEntity, CaseChange?> decide, CancellationToken cancellationToken = default) =>
        ChangeCoreAsync(known.CaseId, known.ETag == default ? null : known, decide, cancellationToken);

    /// <summary>
    /// Marks the case Failed because a message about it failed every attempt (<paramref name="detail"/> names the stage and
    /// the poison queue); a second poisoning with the same detail changes nothing. Returns the case id.
    /// </summary>
    public async Task<string> MarkPoisonedAsync(string caseId, string detail, CancellationToken cancellationToken = default)
    {
        await ChangeAsync(caseId, Poison(detail, _ => true), cancellationToken);
        return caseId;
    }

    /// <summary>
    /// A message of several cases failed every attempt (<see cref="Pipeline.CaseBatch"/>): marks Failed the cases the stage
    /// had not done yet (<paramref name="waiting"/>), leaving those it had. Returns the ids marked.
    /// </summary>
    public async Task<IReadOnlyList<string>> MarkPoisonedAsync(
        IReadOnlyList<string> caseIds, Func<CaseEntity, bool> waiting, string detail, CancellationToken cancellationToken = default)
    {
        var marked = new List<string>();
        foreach (var caseId in caseIds)
        {
            var (_, changed) = await ChangeAsync(caseId, Poison(detail, waiting), cancellationToken);
            if (changed) marked.Add(caseId);
        }
        return marked;
    }

    /// <summary>The change that marks a case Failed by a poisoned message, if <paramref name="waiting"/> holds; none when it already is, for the same reason.</summary>
    private static Func<CaseEntity, CaseChange?> Poison(string detail, Func<CaseEntity, bool> waiting) => c =>
    {
        if (!waiting(c) || (c.StatusValue == CaseStatus.Failed && c.FailureReason == detail)) return null;
        c.FailureReason = detail;
        return new CaseChange("Failed", CaseStatus.Failed, "system:poison", detail);
    };

    private async Task<(CaseEntity? Case, bool Changed)> ChangeCoreAsync(
        string caseId, CaseEntity? known, Func<CaseEntity, CaseChange?> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = attempt == 0 && known is not null ? known : await GetAsync(caseId, cancellationToken);
            if (current is null) return (null, false);
            var from = current.Status;
            var change = decide(current);
            if (change is null) return (current, false);
            var now = time.GetUtcNow();
            if (change.ToStatus is { } s) current.StatusValue = s;
            current.Revision++;
            current.UpdatedAt = now;
            Count(current, change, fresh: false);
            var history = History(caseId, current.Revision, now, change, from, current.Status);
            try
            {
                var result = await Table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.UpdateReplace, current, current.ETag),
                     new TableTransactionAction(TableTransactionActionType.Add, history)],
                    cancellationToken);
                if (result.Value[0].Headers.ETag is { } etag)
                {
                    current.ETag = etag;
                    _recent.Put(current);
                }
                else _recent.Forget(caseId); // no ETag to guard a later write with: the next stage reads
                return (current, true);
            }
            catch (TableTransactionFailedException ex) when ((ex.Status is 412 or 409) && attempt < 8)
            {
                // Someone else changed the case first: read it again and decide again.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<CaseHistoryEntity>> HistoryAsync(string caseId, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(caseId)) return [];
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {"h"} and RowKey lt {"i"}");
        var list = new List<CaseHistoryEntity>();
        await foreach (var h in Table.QueryAsync<CaseHistoryEntity>(filter, cancellationToken: cancellationToken))
            list.Add(h);
        return list;
    }

    /// <summary>All cases, optionally of one status (a table scan of case rows: fine at a team's volume; metrics use rollups).</summary>
    public async Task<IReadOnlyList<CaseEntity>> ListAsync(CaseStatus? status = null, CancellationToken cancellationToken = default)
    {
        var filter = status is { } s
            ? CaseEntity.CaseRowsFilter + " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}")
            : CaseEntity.CaseRowsFilter;
        var list = new List<CaseEntity>();
        await foreach (var c in Table.QueryAsync<CaseEntity>(filter, cancellationToken: cancellationToken))
            list.Add(c);
        return list;
    }

    /// <summary>The approval count metrics need, kept with the history so the rollup reads history only for cases that have approvals.</summary>
    private static void Count(CaseEntity c, CaseChange change, bool fresh)
    {
        if (fresh) c.HistoryCounted = true;
        if (c.HistoryCounted && change.Event == CaseEntity.LetterApprovedEvent) c.ApprovalEvents++;
    }

    private static CaseHistoryEntity History(string caseId, int revision, DateTimeOffset at, CaseChange change, string? fromStatus, string toStatus) => new()
    {
        PartitionKey = caseId,
        RowKey = CaseHistoryEntity.RowKeyFor(caseId, revision),
        Revision = revision,
        At = at,
        Event = change.Event,
        FromStatus = fromStatus,
        ToStatus = toStatus,
        Actor = change.Actor,
        Role = change.Role,
        Detail = change.Detail,
    };
}
