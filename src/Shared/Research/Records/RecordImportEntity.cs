using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Research.Records;

/// <summary>
/// One records import as it is kept: file, format, counts, and who imported it with which role (Records table,
/// PartitionKey <see cref="Partition"/>, RowKey newest first). The records themselves are upserts and say nothing of
/// who wrote them; this row does.
/// </summary>
public sealed class RecordImportEntity : ITableEntity
{
    public const string Partition = "imports";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ImportId { get => RowKey; set => RowKey = value; }
    public string File { get; set; } = "";
    public string Format { get; set; } = "";
    public int Total { get; set; }
    public int Rejected { get; set; }
    public int UnmatchedRequeued { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary><c>user:&lt;name&gt;</c> for an API import; <c>system:cli</c> or <c>system:samples</c> for the local host's own.</summary>
    public string ImportedBy { get; set; } = "";
    public string? ImportedByRole { get; set; }
    /// <summary>The importer's stable object id (beside the name, which is only shown).</summary>
    public string? ImportedById { get; set; }

    /// <summary>Newest first when listed in key order; unique per import.</summary>
    public static string NewId(DateTimeOffset at) => $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}"[..32];
}
