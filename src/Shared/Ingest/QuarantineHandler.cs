using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

/// <summary>
/// An Admin's decision on a quarantined file's held transactions, recorded on the file row (who by name and object id,
/// role, when, why) in the same write as the status change. Release: the file is ingested again and the released
/// transactions are processed like any other (ingest is idempotent, so what was processed before is not repeated).
/// Discard: they are never processed; the file is done.
/// </summary>
public sealed partial class QuarantineHandler(
    TableServiceClient tables, BlobServiceClient blobs, PipelineQueues queues, TimeProvider time, ILogger<QuarantineHandler> logger)
{
    public const int MaxReasonLength = 1000;

    public Task<QuarantineResult> ReleaseAsync(string fileId, string actor, string? actorId, string role, string reason, CancellationToken cancellationToken = default) =>
        DecideAsync(fileId, release: true, actor, actorId, role, reason, cancellationToken);

    public Task<QuarantineResult> DiscardAsync(string fileId, string actor, string? actorId, string role, string reason, CancellationToken cancellationToken = default) =>
        DecideAsync(fileId, release: false, actor, actorId, role, reason, cancellationToken);

    private async Task<QuarantineResult> DecideAsync(string fileId, bool release, string actor, string? actorId, string role, string reason, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!Keys.IsValidTableKey(fileId)) return new(QuarantineOutcome.NotFound, null, $"File {fileId} does not exist.");
        var files = tables.GetTableClient(StorageNames.Tables.Remittances);
        var row = await files.GetEntityIfExistsAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: ct);
        if (!row.HasValue) return new(QuarantineOutcome.NotFound, null, $"File {fileId} does not exist.");
        var file = row.Value!;
        var quarantine = file.Quarantine();
        var pending = quarantine?.Pending.Select(t => t.Ordinal).ToList() ?? [];
        if (quarantine is null || pending.Count == 0 || file.Status != nameof(FileStatus.Quarantined))
            return new(QuarantineOutcome.NotQuarantined, file, $"File {fileId} is {file.Status}; it has no quarantined transactions waiting for a decision.");

        BlobClient? blob = null;
        long length = 0;
        if (release)
        {
            blob = blobs.GetBlobContainerClient(file.ContainerOrDrops()).GetBlobClient(file.BlobName);
            try { length = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength; }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return new(QuarantineOutcome.BlobMissing, file, $"The original of file {fileId} is no longer in '{file.ContainerOrDrops()}'; it cannot be released.");
            }
        }
        var trimmed = reason.Trim();
        var decision = new QuarantineDecision(time.GetUtcNow(), release ? "Released" : "Discarded", actor, actorId, role,
            trimmed.Length > MaxReasonLength ? trimmed[..MaxReasonLength] : trimmed, pending);
        quarantine = quarantine with
        {
            State = release ? QuarantineState.Released : QuarantineState.Discarded,
            Released = release ? [.. quarantine.Released, .. pending] : quarantine.Released,
            Discarded = release ? quarantine.Discarded : [.. quarantine.Discarded, .. pending],
            Decisions = [.. quarantine.Decisions, decision],
        };
        file.QuarantineJson = JsonSerializer.Serialize(quarantine, MessageJson.Options);
        file.Status = release ? nameof(FileStatus.Received)
            : file.ErrorCount > 0 ? nameof(FileStatus.ProcessedWithErrors) : nameof(FileStatus.Processed);
        try
        {
            await files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return new(QuarantineOutcome.Changed, file, $"File {fileId} changed meanwhile (another decision or an ingest); look at it again.");
        }
        if (blob is not null)
            await queues.SendAsync(StorageNames.Queues.DenialFiles,
                BlobCreatedEvent.For(file.ContainerOrDrops(), file.BlobName, blob.Uri, length, time.GetUtcNow()), ct);
        LogDecided(logger, fileId, decision.Action, pending.Count, actorId ?? "");
        return new(QuarantineOutcome.Done, file);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Ingest: file {FileId}: {Count} quarantined transactions {Action} by object id {ActorId}")]
    private static partial void LogDecided(ILogger logger, string fileId, string action, int count, string actorId);
}
