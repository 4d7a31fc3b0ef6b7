using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Research.Records;

/// <summary>One stored record: PartitionKey = its kind, RowKey = its deterministic key, the record as JSON, lookup columns.</summary>
public sealed class RecordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Json { get; set; } = "";
    public string? MemberId { get; set; }
    public string? PatientId { get; set; }
    public string? ClaimId { get; set; }
    public string? PayerId { get; set; }
    public string? PayerClaimNumber { get; set; }
    /// <summary>For submitted claims: REF*F8, the payer claim number of the claim a corrected claim replaces.</summary>
    public string? OriginalReference { get; set; }
    /// <summary>For submitted claims: "GS06/ST02" of the 837 they came in, which a 999 acknowledges.</summary>
    public string? Batch { get; set; }
}
