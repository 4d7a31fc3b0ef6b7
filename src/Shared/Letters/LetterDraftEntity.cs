using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Letters;

/// <summary>A letter's drafted HTML (version 1): PartitionKey = letter id, RowKey = "v1-" + letter id. Never changed.</summary>
public sealed class LetterDraftEntity : ITableEntity
{
    public const string RowPrefix = "v1-";

    public static string RowKeyOf(string letterId) => RowPrefix + letterId;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get => RowKeyOf(PartitionKey); set { } }
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string LetterId { get => PartitionKey; set => PartitionKey = value; }
    public string Html { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
