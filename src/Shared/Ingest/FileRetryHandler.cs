using DenialPipeline.Pipeline;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using DenialPipeline.Operations;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

/// <summary>
/// Re-ingests a file that failed (every attempt threw, e.g. storage was unreachable, or it was over the size limit and
/// the limit was raised): posts the same BlobCreated event the drop posted. Ingest is idempotent, so a retry creates
/// only what is missing.
/// </summary>
public sealed partial class FileRetryHandler(
    RemittanceFileStore files, BlobServiceClient blobs, PipelineQueues queues, TimeProvider time, ILogger<FileRetryHandler> logger)
{
    /// <param name="actor">Who asks (<c>user:&lt;name&gt;</c>); recorded with <paramref name="role"/> in the file's retry history.</param>
    /// <summary>How many retries a file row keeps (the newest).</summary>
    public const int MaxRetriesKept = 50;

    public async Task<OperationResult<RemittanceFileEntity>> RetryAsync(string fileId, string actor, string role, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(fileId) || await files.GetAsync(fileId, cancellationToken) is not { } file)
            return new(Outcome.NotFound, null, $"File {fileId} does not exist.");
        if (file.Status != nameof(FileStatus.Failed))
            return new(Outcome.InvalidState, file, $"File {fileId} is {file.Status}; only a failed file can be retried.");

        var container = file.ContainerOrDrops();
        if (!StorageNames.Containers.IsDropContainer(container))
            return new(Outcome.InvalidState, file, $"File {fileId} is in '{container}', which is not a drop container; it cannot be ingested.") { Problem = "not-a-drop-container" };
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(file.BlobName);
        long length;
        try
        {
            length = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new(Outcome.InvalidState, file, $"The original of file {fileId} is no longer in the '{container}' container; drop it again.") { Problem = "blob-missing" };
        }

        // The retry, its user and the failure it retries go in the same write as the status change.
        var retries = JsonSerializer.Deserialize<List<FileRetry>>(file.RetriesJson, MessageJson.Options) ?? [];
        retries.Add(new FileRetry(time.GetUtcNow(), actor, role, file.FailureReason));
        file.RetriesJson = JsonSerializer.Serialize(retries.TakeLast(MaxRetriesKept), MessageJson.Options);
        file.Status = nameof(FileStatus.Received);
        file.FailureReason = null;
        if (!await files.TryReplaceAsync(file, cancellationToken))
        {
            // Someone retried (or ingest ran) meanwhile: their event is on its way; this one would only repeat it.
            return new(Outcome.InvalidState, file, $"File {fileId} changed meanwhile; it is being processed.");
        }
        await queues.SendAsync(StorageNames.Queues.DenialFiles,
            BlobCreatedEvent.For(container, file.BlobName, blob.Uri, length, time.GetUtcNow()), cancellationToken);
        LogRetried(logger, fileId);
        return new(Outcome.Done, file);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Ingest: file {FileId} queued again (retry requested)")]
    private static partial void LogRetried(ILogger logger, string fileId);
}
