using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Cases;

/// <summary>One append-only history row: PartitionKey = case id, RowKey = "h" + revision (zero-padded) + "-" + case id.</summary>
public sealed class CaseHistoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Revision { get; set; }
    public DateTimeOffset At { get; set; }
    public string Event { get; set; } = "";
    public string? FromStatus { get; set; }
    public string ToStatus { get; set; } = "";
    /// <summary>"system:&lt;stage&gt;" or "user:&lt;name&gt;" with the role used.</summary>
    public string Actor { get; set; } = "";
    /// <summary>The sign-in role the user acted with (Coder, Manager, Admin, Payer); null for system actors.</summary>
    public string? Role { get; set; }
    /// <summary>Plain words for the coder, never patient data: ids, codes of the pipeline, counts.</summary>
    public string? Detail { get; set; }

    public static string RowKeyFor(string caseId, int revision) => $"h{revision:D6}-{caseId}";
}
