using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// A stored check of one claim (table ClaimChecks), written twice: in its batch's partition (<c>b-{batchId}</c>, row
/// = claim key) for the batch's results, and in the claim's partition (<c>c-{claim key}</c>, row = newest first) so a
/// later 835 for the claim finds what the check said. Ids only: claim id, payer, provider NPI; no names.
/// </summary>
public sealed class ClaimCheckEntity : ITableEntity
{
    public const string BatchPrefix = "b-", ClaimPrefix = "c-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BatchId { get; set; } = "";
    public string BatchName { get; set; } = "";
    public string ClaimId { get; set; } = "";
    public DateTimeOffset CheckedAt { get; set; }
    public string Status { get; set; } = "";
    public double Risk { get; set; }
    public string? PayerId { get; set; }
    public string? PayerName { get; set; }
    public string? ProviderNpi { get; set; }
    public DateTime ServiceDate { get; set; }
    public double Charge { get; set; }
    /// <summary>The rules with a finding, comma-separated (metrics read this without the JSON).</summary>
    public string Rules { get; set; } = "";
    /// <summary>The CARCs the learned patterns that flagged the claim were denied with, comma-separated (the other rules' CARCs are in payer-rules.json).</summary>
    public string PredictedCarcs { get; set; } = "";
    public string ResultJson { get; set; } = "";
}
