using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Resolution;

/// <summary>
/// One index row per claim number in the Cases table: PartitionKey "idx-&lt;hash of payer&gt;", RowKey
/// "pcn-&lt;hash of patient control number&gt;" or "icn-&lt;hash of payer claim number&gt;", and the ids of every case filed
/// under it (a claim has a handful of cases at most: one per denial of it). Keys are hashed: no claim numbers in keys.
/// A payer's rows share a partition so that ingest can read them in one query and write them in transactions of up to
/// 100 (see <see cref="CaseIndexSession"/>) instead of a request per claim. Case listings filter on case RowKeys ("case-…"), so
/// these rows never show up as cases. Ids are never removed: closed cases stay findable (a reversal reopens them).
/// </summary>
public sealed class CaseIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    /// <summary>"pcn" or "icn".</summary>
    public string Kind { get; set; } = "";
    /// <summary>Case ids, comma-separated, in the order they were added.</summary>
    public string CaseIds { get; set; } = "";

    public static List<string> Split(string ids) => ids.Length == 0 ? [] : [.. ids.Split(',')];
}
