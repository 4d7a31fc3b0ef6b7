using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;

namespace DenialPipeline.Identities;

/// <summary>
/// The <c>PayerIdentities</c> table: which caller (by stable object id) is which payer, and which payer ids its files may
/// carry. Read on every Payer request and once per ingested payer file; written by Admins (API, CLI, import).
/// No cache: an Admin's removal takes effect on the next request.
/// </summary>
public sealed class PayerIdentityStore(TableServiceClient tables)
{
    private TableClient Table => tables.GetTableClient(StorageNames.Tables.PayerIdentities);

    public async Task<PayerIdentity?> GetAsync(string? objectId, CancellationToken cancellationToken = default)
    {
        if (!PayerIdentity.IsValidObjectId(objectId)) return null;
        var r = await Table.GetEntityIfExistsAsync<PayerIdentityEntity>(PayerIdentityEntity.Partition, objectId!, cancellationToken: cancellationToken);
        return r.HasValue ? r.Value!.ToIdentity() : null;
    }

    public async Task<IReadOnlyList<PayerIdentity>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<PayerIdentity>();
        await foreach (var e in Table.QueryAsync<PayerIdentityEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PayerIdentityEntity.Partition}"), cancellationToken: cancellationToken))
            list.Add(e.ToIdentity());
        return list;
    }

    /// <summary>The identities of one payer account (its people, applications and SFTP user).</summary>
    public async Task<IReadOnlyList<PayerIdentity>> OfPayerAsync(string payer, CancellationToken cancellationToken = default)
    {
        var list = new List<PayerIdentity>();
        await foreach (var e in Table.QueryAsync<PayerIdentityEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {PayerIdentityEntity.Partition} and Payer eq {payer}"), cancellationToken: cancellationToken))
            list.Add(e.ToIdentity());
        return list;
    }

    /// <summary>Stores (replaces) an identity; throws <see cref="ArgumentException"/> naming the field when it is not valid.</summary>
    public async Task UpsertAsync(PayerIdentity identity, CancellationToken cancellationToken = default)
    {
        if (identity.Problem() is { } problem) throw new ArgumentException(problem, nameof(identity));
        await Table.UpsertEntityAsync(PayerIdentityEntity.From(identity), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes an identity; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string objectId, CancellationToken cancellationToken = default)
    {
        if (!PayerIdentity.IsValidObjectId(objectId)) return false;
        try
        {
            await Table.DeleteEntityAsync(PayerIdentityEntity.Partition, objectId, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
