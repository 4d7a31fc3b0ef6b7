using System.Text.Json;
using DenialPipeline.Ingest;
using DenialPipeline.Storage;

namespace DenialPipeline.Api;

public sealed record FileView(
    string Id, string BlobName, string Status, long Bytes, int Attempts, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt,
    int Transactions, int ClaimsRead, int DeniedClaims, int CasesCreated, int Reversals, int WarningCount, int ErrorCount,
    IReadOnlyList<FileIssue> Issues, string? FailureReason, string Container, string? PayerFolder,
    string? UploadedBy = null, string? UploadedByRole = null, IReadOnlyList<FileRetry>? Retries = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? CsvMapping = null)
{
    public static FileView From(RemittanceFileEntity f) => new(
        f.FileId, f.BlobName, f.Status, f.Bytes, f.Attempts, f.ReceivedAt, f.CompletedAt, f.Transactions, f.ClaimsRead, f.DeniedClaims,
        f.CasesCreated, f.Reversals, f.WarningCount, f.ErrorCount,
        JsonSerializer.Deserialize<List<FileIssue>>(f.IssuesJson, MessageJson.Options) ?? [], f.FailureReason,
        f.ContainerOrDrops(), f.Payer(), f.UploadedBy, f.UploadedByRole,
        JsonSerializer.Deserialize<List<FileRetry>>(f.RetriesJson is { Length: > 0 } r ? r : "[]", MessageJson.Options) ?? [], f.CsvMapping)
    {
        Quarantine = f.Quarantine(),
        UploadedById = f.UploadedById,
    };

    /// <summary>Transactions held back because they named another payer, and the Admin's decisions; absent when none ever were.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public FileQuarantine? Quarantine { get; init; }

    /// <summary>The uploader's stable object id, beside <see cref="UploadedBy"/> (a name, only shown).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? UploadedById { get; init; }
}
