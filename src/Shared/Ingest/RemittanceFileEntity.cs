using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Ingest;

public enum FileStatus { Received, Processing, Processed, ProcessedWithErrors, Failed }

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
    /// <summary>JSON list of <see cref="FileIssue"/> (the first 200), each naming the segment and the claim.</summary>
    public string IssuesJson { get; set; } = "[]";
    public string? FailureReason { get; set; }
}

/// <summary>A warning or error in a file, as users see it: where (segment number, byte offset) and what.</summary>
public sealed record FileIssue(string Severity, string Code, string Message, long SegmentIndex, long ByteOffset, string? Transaction, string? Claim);
