using DenialPipeline.Cases;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>One row per dropped file (PartitionKey = file id, RowKey = "file"): what was read and what went wrong, for users to see.</summary>
public sealed class RemittanceFileEntity : ITableEntity
{
    public const string FileRowKey = "file";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = FileRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string FileId { get => PartitionKey; set => PartitionKey = value; }
    public string Container { get; set; } = "";
    public string BlobName { get; set; } = "";
    /// <summary>
    /// The payer the file came from: the folder of <c>drops/{payer}/…</c> (uploads through the API) or the payer of its own
    /// SFTP container <c>drops-{payer}</c>; null for a file at the top of <c>drops</c>. See <see cref="IngestHandler.PayerFolderOf"/>.
    /// </summary>
    public string? PayerFolder { get; set; }
    public string Status { get; set; } = nameof(FileStatus.Received);
    public string? ContentSha256 { get; set; }
    public long Bytes { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Transactions { get; set; }
    public int ClaimsRead { get; set; }
    public int DeniedClaims { get; set; }
    public int CasesCreated { get; set; }
    public int Reversals { get; set; }
    public int WarningCount { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The label of the CSV report mapping the file was read with; null for an 835 (docs/csv-reports.md).</summary>
    public string? CsvMapping { get; set; }
    /// <summary>JSON list of <see cref="FileIssue"/> (the first 200), each naming the segment (a CSV report: the row and column) and the claim.</summary>
    public string IssuesJson { get; set; } = "[]";
    public string? FailureReason { get; set; }
    /// <summary>Who uploaded the file through the API (<c>user:&lt;name&gt;</c>) and the role they acted with; null for drops that came another way (Event Grid, SFTP, the CLI).</summary>
    public string? UploadedBy { get; set; }
    public string? UploadedByRole { get; set; }
    /// <summary>The uploader's stable object id (recorded beside the name, which is only shown).</summary>
    public string? UploadedById { get; set; }
    /// <summary>JSON <see cref="FileQuarantine"/>: transactions held back from another payer and the Admin's decisions; null when none ever were.</summary>
    public string? QuarantineJson { get; set; }
    /// <summary>JSON list of <see cref="FileRetry"/>: every retry a user asked for, oldest first.</summary>
    public string RetriesJson { get; set; } = "[]";

    /// <summary>The container the original is in (drops when a row does not say).</summary>
    public string ContainerOrDrops() => Container.Length > 0 ? Container : StorageNames.Containers.Drops;

    /// <summary>The payer the file came from (rows written before <see cref="PayerFolder"/> was recorded: from its location).</summary>
    public string? Payer() => PayerFolder ?? IngestHandler.PayerFolderOf(ContainerOrDrops(), BlobName);

    /// <summary>The quarantine record, or null.</summary>
    public FileQuarantine? Quarantine() =>
        QuarantineJson is { Length: > 0 } q ? System.Text.Json.JsonSerializer.Deserialize<FileQuarantine>(q, MessageJson.Options) : null;

    /// <summary>Whether the file came from that payer.</summary>
    public bool IsFromPayer(string payerFolder) => string.Equals(Payer(), payerFolder, StringComparison.Ordinal);
}
