using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

public enum FileRetryOutcome { Queued, NotFound, NotFailed, BlobMissing, NotADropContainer }

public sealed record FileRetryResult(FileRetryOutcome Outcome, RemittanceFileEntity? File, string? Message = null);

/// <summary>
/// Re-ingests a file that failed (every attempt threw, e.g. storage was unreachable, or it was over the size limit and
/// the limit was raised): posts the same BlobCreated event the drop posted. Ingest is idempotent, so a retry creates
/// only what is missing.
/// </summary>
public sealed partial class FileRetryHandler(
    TableServiceClient tables, BlobServiceClient blobs, PipelineQueues queues, TimeProvider time, ILogger<FileRetryHandler> logger)
{
    public async Task<FileRetryResult> RetryAsync(string fileId, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(fileId)) return new(FileRetryOutcome.NotFound, null, $"File {fileId} does not exist.");
        var files = tables.GetTableClient(StorageNames.Tables.Remittances);
        var row = await files.GetEntityIfExistsAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue) return new(FileRetryOutcome.NotFound, null, $"File {fileId} does not exist.");
        var file = row.Value!;
        if (file.Status != nameof(FileStatus.Failed))
            return new(FileRetryOutcome.NotFailed, file, $"File {fileId} is {file.Status}; only a failed file can be retried.");

        var container = file.ContainerOrDrops();
        if (!StorageNames.Containers.IsDropContainer(container))
            return new(FileRetryOutcome.NotADropContainer, file, $"File {fileId} is in '{container}', which is not a drop container; it cannot be ingested.");
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(file.BlobName);
        long length;
        try
        {
            length = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new(FileRetryOutcome.BlobMissing, file, $"The original of file {fileId} is no longer in the '{container}' container; drop it again.");
        }

        file.Status = nameof(FileStatus.Received);
        file.FailureReason = null;
        try
        {
            await files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Someone retried (or ingest ran) meanwhile: their event is on its way; this one would only repeat it.
            return new(FileRetryOutcome.NotFailed, file, $"File {fileId} changed meanwhile; it is being processed.");
        }
        await queues.SendAsync(StorageNames.Queues.DenialFiles,
            BlobCreatedEvent.For(container, file.BlobName, blob.Uri, length, time.GetUtcNow()), cancellationToken);
        LogRetried(logger, fileId);
        return new(FileRetryOutcome.Queued, file);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Ingest: file {FileId} queued again (retry requested)")]
    private static partial void LogRetried(ILogger logger, string fileId);
}
