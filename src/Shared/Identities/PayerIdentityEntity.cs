using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Identities;

/// <summary>One row per payer identity: PartitionKey <see cref="Partition"/>, RowKey the object id.</summary>
public sealed class PayerIdentityEntity : ITableEntity
{
    public const string Partition = "identity";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = nameof(PayerIdentityKind.User);
    public string? DisplayName { get; set; }
    public string Payer { get; set; } = "";
    /// <summary>Comma-separated (a payer id holds no comma: <see cref="PayerIdentity.Problem"/>).</summary>
    public string PayerIds { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public string? UpdatedById { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static PayerIdentityEntity From(PayerIdentity i) => new()
    {
        RowKey = i.ObjectId,
        Kind = i.Kind.ToString(),
        DisplayName = i.DisplayName,
        Payer = i.Payer,
        PayerIds = string.Join(',', i.PayerIds.Select(p => p.Trim())),
        UpdatedBy = i.UpdatedBy,
        UpdatedById = i.UpdatedById,
        UpdatedAt = i.UpdatedAt,
    };

    public PayerIdentity ToIdentity() => new()
    {
        ObjectId = RowKey,
        Kind = Enum.TryParse<PayerIdentityKind>(Kind, out var k) ? k : PayerIdentityKind.User,
        DisplayName = DisplayName,
        Payer = Payer,
        PayerIds = PayerIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        UpdatedBy = UpdatedBy,
        UpdatedById = UpdatedById,
        UpdatedAt = UpdatedAt,
    };
}
