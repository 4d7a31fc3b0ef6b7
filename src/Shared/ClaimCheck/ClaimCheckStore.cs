using System.Text.Json;
using Azure.Data.Tables;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;

namespace DenialPipeline.ClaimCheck;

/// <summary>Writes and reads stored checks (table ClaimChecks): by batch, by claim, and all of them for the metrics.</summary>
public sealed class ClaimCheckStore(TableServiceClient tables)
{
    /// <summary>Longest result JSON kept in a row (Table Storage allows 64 KiB per string property).</summary>
    private const int MaxJson = 30_000;

    private TableClient Table => tables.GetTableClient(StorageNames.Tables.ClaimChecks);

    public static string ClaimPartition(string claimId) => ClaimCheckEntity.ClaimPrefix + RecordKeys.Of(claimId.ToUpperInvariant());

    /// <summary>Stores the results of a batch chunk: batch rows in transactions of 100, then one index row per claim.</summary>
    public async Task SaveAsync(string batchId, string batchName, DateTimeOffset checkedAt, IReadOnlyList<ClaimCheckResult> results, CancellationToken cancellationToken = default)
    {
        var entities = results.Select(r => ToEntity(batchId, batchName, checkedAt, r)).ToList();
        foreach (var chunk in entities.DistinctBy(e => e.ClaimId.ToUpperInvariant()).Chunk(100))
        {
            var batch = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Copy(e, ClaimCheckEntity.BatchPrefix + batchId, RecordKeys.Of(e.ClaimId.ToUpperInvariant())))).ToList();
            await Table.SubmitTransactionAsync(batch, cancellationToken);
        }
        // One index row per batch: a redelivered message rewrites it instead of adding a second check.
        var row = batchId;
        foreach (var e in entities)
            await Table.UpsertEntityAsync(Copy(e, ClaimPartition(e.ClaimId), row), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<List<ClaimCheckResult>> BatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var list = new List<ClaimCheckResult>();
        await foreach (var e in Table.QueryAsync<ClaimCheckEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ClaimCheckEntity.BatchPrefix + batchId}"), cancellationToken: cancellationToken))
            if (Result(e) is { } r) list.Add(r);
        return list;
    }

    /// <summary>The checks of a claim, newest first.</summary>
    public async Task<List<ClaimCheckEntity>> ForClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        var list = new List<ClaimCheckEntity>();
        var partition = ClaimPartition(claimId);
        if (!Keys.IsValidTableKey(partition)) return list;
        await foreach (var e in Table.QueryAsync<ClaimCheckEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            list.Add(e);
        return list;
    }

    /// <summary>The newest check of every claim (index rows), without the result JSON.</summary>
    public async Task<Dictionary<string, ClaimCheckEntity>> LatestPerClaimAsync(CancellationToken cancellationToken = default)
    {
        var latest = new Dictionary<string, ClaimCheckEntity>(StringComparer.OrdinalIgnoreCase);
        await foreach (var e in Table.QueryAsync<ClaimCheckEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey ge {ClaimCheckEntity.ClaimPrefix} and PartitionKey lt {"c."}"),
                           select: ["PartitionKey", "RowKey", "ClaimId", "CheckedAt", "Status", "Risk", "PayerId", "PayerName", "ProviderNpi", "Charge", "Rules", "PredictedCarcs", "ServiceDate", "BatchId"],
                           cancellationToken: cancellationToken))
            if (!latest.TryGetValue(e.ClaimId, out var seen) || e.CheckedAt > seen.CheckedAt) latest[e.ClaimId] = e;
        return latest;
    }

    public static ClaimCheckResult? Result(ClaimCheckEntity e) =>
        e.ResultJson.Length == 0 ? null : JsonSerializer.Deserialize<ClaimCheckResult>(e.ResultJson, MessageJson.Options);

    public static ClaimCheckEntity ToEntity(string batchId, string batchName, DateTimeOffset at, ClaimCheckResult r)
    {
        var json = JsonSerializer.Serialize(r, MessageJson.Options);
        if (json.Length > MaxJson)
            json = JsonSerializer.Serialize(r with { Findings = [.. r.Findings.Take(20)] }, MessageJson.Options);
        // The rules' own CARC lists are data (payer-rules.json); only what a learned pattern predicts is per claim.
        var carcs = r.Findings.SelectMany(f => f.Carcs).Distinct(StringComparer.OrdinalIgnoreCase);
        return new ClaimCheckEntity
        {
            BatchId = batchId, BatchName = batchName, ClaimId = r.ClaimId, CheckedAt = at, Status = r.Status, Risk = r.Risk,
            PayerId = r.PayerId, PayerName = r.PayerName, ProviderNpi = r.ProviderNpi,
            ServiceDate = r.ServiceDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Charge = (double)r.Charge,
            Rules = string.Join(',', r.Findings.Select(f => f.Rule).Distinct()), PredictedCarcs = string.Join(',', carcs), ResultJson = json,
        };
    }

    private static ClaimCheckEntity Copy(ClaimCheckEntity e, string partition, string row) => new()
    {
        PartitionKey = partition, RowKey = row, BatchId = e.BatchId, BatchName = e.BatchName, ClaimId = e.ClaimId, CheckedAt = e.CheckedAt,
        Status = e.Status, Risk = e.Risk, PayerId = e.PayerId, PayerName = e.PayerName, ProviderNpi = e.ProviderNpi, ServiceDate = e.ServiceDate,
        Charge = e.Charge, Rules = e.Rules, PredictedCarcs = e.PredictedCarcs, ResultJson = e.ResultJson,
    };
}
