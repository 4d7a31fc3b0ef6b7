using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Letters;

public enum LetterStatus { PendingApproval, Approved, Rejected, Sent, Submitted, Failed }

/// <summary>The letter row: PartitionKey = letter id, RowKey = "letter". Each version's HTML is a blob <c>letters/{id}/v{n}.html</c>.</summary>
public sealed class LetterEntity : ITableEntity
{
    public const string LetterRowKey = "letter";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = LetterRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string LetterId { get => PartitionKey; set => PartitionKey = value; }
    public string CaseId { get; set; } = "";
    public string Type { get; set; } = "";
    public string Status { get; set; } = nameof(LetterStatus.PendingApproval);
    public int Version { get; set; } = 1;
    public string RecipientKind { get; set; } = "Payer";
    public string RecipientName { get; set; } = "";
    public string? RecipientEmail { get; set; }
    /// <summary>Portal, Fax, Mail or Email: how the letter reaches the recipient (the template's choice).</summary>
    public string? RecipientChannel { get; set; }
    public string? RecipientAddress { get; set; }
    public string? PayerId { get; set; }
    /// <summary>Which template rendered it (embedded, a payer override, or a disk override).</summary>
    public string? TemplateSource { get; set; }
    public string Subject { get; set; } = "";
    public string MissingFieldsJson { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? RejectedBy { get; set; }
    public string? RejectReason { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? DeliveryMessageId { get; set; }
    public string? FailureReason { get; set; }

    [IgnoreDataMember]
    public LetterStatus StatusValue
    {
        get => Enum.TryParse<LetterStatus>(Status, out var s) ? s : LetterStatus.Failed;
        set => Status = value.ToString();
    }

    public static string BlobNameFor(string letterId, int version) => $"{letterId}/v{version}.html";
}
