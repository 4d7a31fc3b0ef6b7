using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;

namespace DenialPipeline.Resolution;

public sealed class CaseIndex(TableServiceClient tables)
{
    private TableClient Table => tables.GetTableClient(StorageNames.Tables.Cases);

    /// <summary>The payer as cases know it: the payer id, or the name when the 835 names no id.</summary>
    public static string PayerKey(string? payerId, string? payerName) => Payers.Key(payerId, payerName);

    public static string PartitionFor(string payer) => "idx-" + Keys.Hash("", payer);

    public static IndexKey PatientControlNumberKey(string payer, string pcn) => new(PartitionFor(payer), "pcn-" + Keys.Hash("", pcn.Trim()));

    public static IndexKey PayerClaimNumberKey(string payer, string icn) => new(PartitionFor(payer), "icn-" + Keys.Hash("", icn.Trim()));

    /// <summary>The index keys of a case (patient control number, and payer claim number when the payer gave one).</summary>
    public static IEnumerable<(IndexKey Key, string Kind)> KeysOf(CaseEntity c)
    {
        var payer = PayerKey(c.PayerId, c.PayerName);
        if (c.PatientControlNumber.Length > 0) yield return (PatientControlNumberKey(payer, c.PatientControlNumber), "pcn");
        if (c.PayerClaimControlNumber is { Length: > 0 } icn) yield return (PayerClaimNumberKey(payer, icn), "icn");
    }

    /// <summary>A unit of work (one ingest): reads are cached, writes are batched until <see cref="CaseIndexSession.FlushAsync"/>.</summary>
    public CaseIndexSession OpenSession() => new(Table);

    /// <summary>Case ids under any of the given index keys (distinct, in key order).</summary>
    public Task<IReadOnlyList<string>> FindAsync(IEnumerable<IndexKey> keys, CancellationToken cancellationToken = default) =>
        OpenSession().FindAsync(keys, cancellationToken);
}
