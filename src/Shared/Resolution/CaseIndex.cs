using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;

namespace DenialPipeline.Resolution;

/// <summary>
/// One index row per (key, case) in the Cases table: PartitionKey "idx-pcn-&lt;hash of payer + patient control number&gt;"
/// or "idx-icn-&lt;hash of payer + payer claim number&gt;", RowKey = case id. Keys are hashed: no claim numbers in keys.
/// Case listings filter on RowKey "case", so these rows never show up as cases. Rows are never deleted: closed cases
/// stay findable (a reversal reopens them).
/// </summary>
public sealed class CaseIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
}

public sealed class CaseIndex(TableServiceClient tables)
{
    private TableClient Table => tables.GetTableClient(StorageNames.Tables.Cases);

    /// <summary>The payer as cases know it: the payer id, or the name when the 835 names no id.</summary>
    public static string PayerKey(string? payerId, string? payerName) => string.IsNullOrWhiteSpace(payerId) ? payerName?.Trim() ?? "" : payerId.Trim();

    public static string PatientControlNumberKey(string payer, string pcn) => "idx-pcn-" + Keys.Hash("", payer, pcn.Trim());

    public static string PayerClaimNumberKey(string payer, string icn) => "idx-icn-" + Keys.Hash("", payer, icn.Trim());

    /// <summary>The index keys of a case (patient control number, and payer claim number when the payer gave one).</summary>
    public static IEnumerable<(string Key, string Kind)> KeysOf(CaseEntity c)
    {
        var payer = PayerKey(c.PayerId, c.PayerName);
        if (c.PatientControlNumber.Length > 0) yield return (PatientControlNumberKey(payer, c.PatientControlNumber), "pcn");
        if (c.PayerClaimControlNumber is { Length: > 0 } icn) yield return (PayerClaimNumberKey(payer, icn), "icn");
    }

    public async Task AddAsync(CaseEntity c, CancellationToken cancellationToken = default)
    {
        foreach (var (key, kind) in KeysOf(c))
            await Table.UpsertEntityAsync(new CaseIndexEntity { PartitionKey = key, RowKey = c.CaseId, Kind = kind }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Case ids under any of the given index keys (distinct, in key order).</summary>
    public async Task<IReadOnlyList<string>> FindAsync(IEnumerable<string> indexKeys, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        foreach (var key in indexKeys.Distinct())
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key}");
            await foreach (var row in Table.QueryAsync<CaseIndexEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                if (!ids.Contains(row.RowKey)) ids.Add(row.RowKey);
        }
        return ids;
    }
}
