using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Letters;

/// <summary>
/// The letter row: PartitionKey = letter id, RowKey = "letter-" + letter id (unique for the emulator's sake, see
/// <c>CaseEntity</c>). The drafted HTML (version 1) is a <see cref="LetterDraftEntity"/> row in the same partition,
/// written in one transaction with this row (a draft over <see cref="LetterStore.MaxDraftInRow"/> characters, and drafts
/// stored before, are the blob <c>letters/{id}/v1.html</c>); every edited version is a blob <c>letters/{id}/v{n}.html</c>.
/// </summary>
public sealed class LetterEntity : ITableEntity
{
    public const string LetterRowPrefix = "letter-";

    /// <summary>An OData filter that selects letter rows.</summary>
    public const string LetterRowsFilter = "RowKey ge 'letter-' and RowKey lt 'letter.'";

    public static string RowKeyOf(string letterId) => LetterRowPrefix + letterId;

    public string PartitionKey { get; set; } = "";
    /// <summary>Derived from the letter id (set by the SDK when reading; the value read is the same).</summary>
    public string RowKey { get => RowKeyOf(PartitionKey); set { } }
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string LetterId { get => PartitionKey; set => PartitionKey = value; }
    public string CaseId { get; set; } = "";
    public string Type { get; set; } = "";
    public string Status { get; set; } = nameof(LetterStatus.PendingApproval);
    public int Version { get; set; } = 1;
    /// <summary>The case's drafting round this letter was drafted in (1 first; a redraft after a rejection is 2, …).</summary>
    public int Attempt { get; set; } = 1;
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
    public string? RejectedByRole { get; set; }
    public DateTimeOffset? RejectedAt { get; set; }
    /// <summary>The rejection sent the case to manual work (no new draft) rather than back to research.</summary>
    public bool RejectedToManual { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set (under the row's ETag) by the delivery worker that is sending the letter: other copies of the message stand back.</summary>
    public DateTimeOffset? DeliveryClaimedAt { get; set; }
    public string? DeliveryMessageId { get; set; }
    public string? FailureReason { get; set; }

    // Review and tracking (issue 6).
    public string? EditedBy { get; set; }
    /// <summary>While set and in the future, one delivery attempt is sending this letter (see DeliverHandler).</summary>
    public DateTimeOffset? DeliveryClaimedUntil { get; set; }
    /// <summary>Last SendGrid event for the notice: delivered, deferred, bounced, dropped.</summary>
    public string? DeliveryStatus { get; set; }
    public DateTimeOffset? DeliveryStatusAt { get; set; }
    /// <summary>The last SendGrid event ids applied (comma-separated, newest last), so a re-posted batch changes nothing.</summary>
    public string DeliveryEventIds { get; set; } = "";
    /// <summary>portal, fax or mail, when a coder marked the letter submitted outside email.</summary>
    public string? SubmittedChannel { get; set; }
    public string? SubmittedReference { get; set; }
    public DateTime? SubmittedOn { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>Blob (in the letters container) holding the uploaded submission confirmation, if any.</summary>
    public string? ConfirmationBlob { get; set; }

    [IgnoreDataMember]
    public LetterStatus StatusValue
    {
        get => Enum.TryParse<LetterStatus>(Status, out var s) ? s : LetterStatus.Failed;
        set => Status = value.ToString();
    }

    public static string BlobNameFor(string letterId, int version) => $"{letterId}/v{version}.html";

    /// <summary>This letter with one version's HTML, as the PDF renderer takes it.</summary>
    public RenderedLetter ToRendered(string html) => new()
    {
        Type = Enum.TryParse<LetterType>(Type, out var t) ? t : LetterType.Appeal,
        Subject = Subject,
        Html = html,
        MissingFields = System.Text.Json.JsonSerializer.Deserialize<List<MissingField>>(MissingFieldsJson, DenialPipeline.Storage.MessageJson.Options) ?? [],
        Recipient = new LetterRecipient(Enum.TryParse<RecipientKind>(RecipientKind, out var k) ? k : Letters.RecipientKind.Payer, RecipientName,
            Enum.TryParse<DeliveryChannel>(RecipientChannel, out var ch) ? ch : DeliveryChannel.Unknown, RecipientAddress),
        TemplateSource = TemplateSource ?? "stored",
    };
}
