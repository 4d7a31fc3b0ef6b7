using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;

namespace DenialPipeline.Delivery;

/// <summary>
/// The SendGrid event ids already applied (table <c>WebhookEvents</c>), kept <see cref="Retention"/> — longer than
/// SendGrid retries a batch (up to 72 hours) — so a replayed or re-posted event changes nothing however many other events
/// came in between. Table Storage has no TTL: rows carry their expiry and older ones are purged now and then.
/// </summary>
public sealed class WebhookEventLog(TableServiceClient tables, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private long _nextPurgeTicks;

    private TableClient Table => tables.GetTableClient(StorageNames.Tables.WebhookEvents);

    private static (string Partition, string Row) KeyOf(string eventId)
    {
        var row = Keys.Hash("e", eventId);
        return ("p" + row[1..3], row);
    }

    public async Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var (p, r) = KeyOf(eventId);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(p, r, select: ["ExpiresAt"], cancellationToken: cancellationToken);
        return row.HasValue;
    }

    /// <summary>Records an applied event (idempotent), then purges expired rows at most once an hour per process.</summary>
    public async Task RecordAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var (p, r) = KeyOf(eventId);
        var now = time.GetUtcNow();
        await Table.UpsertEntityAsync(new TableEntity(p, r) { ["ExpiresAt"] = now + Retention }, TableUpdateMode.Replace, cancellationToken);
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeEvery).UtcTicks, next) != next) return;
        await foreach (var old in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try { await Table.DeleteEntityAsync(old.PartitionKey, old.RowKey, ETag.All, cancellationToken); }
            catch (RequestFailedException ex) when (ex.Status == 404) { }
        }
    }
}
