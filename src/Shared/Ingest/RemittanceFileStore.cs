using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;

namespace DenialPipeline.Ingest;

/// <summary>
/// The Remittances table: one row per dropped file (<see cref="RemittanceFileEntity"/>). Every read and write of a file
/// row goes through here, so "mark the file failed" and "finish it under its ETag" are written once.
/// </summary>
public sealed class RemittanceFileStore(TableServiceClient tables, TimeProvider time)
{
    private TableClient Files => tables.GetTableClient(StorageNames.Tables.Remittances);

    /// <summary>The file's row, or null when there is none (or the id is not a valid key).</summary>
    public async Task<RemittanceFileEntity?> GetAsync(string fileId, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(fileId)) return null;
        var row = await Files.GetEntityIfExistsAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Every file row (of one status when <paramref name="status"/> is given), in table order.</summary>
    /// <param name="select">Only these properties (null: all).</param>
    public IAsyncEnumerable<RemittanceFileEntity> ListAsync(FileStatus? status = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"RowKey eq {RemittanceFileEntity.FileRowKey} and Status eq {s.ToString()}")
            : TableClient.CreateQueryFilter($"RowKey eq {RemittanceFileEntity.FileRowKey}");
        return Files.QueryAsync<RemittanceFileEntity>(filter, select: select, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Marks the file Failed with a reason users read (what happened and what to do), whatever its row held: the row is
    /// replaced, so a failure is never lost to a concurrent write.
    /// </summary>
    /// <param name="bytes">The file's size, when it is known.</param>
    public async Task FailAsync(RemittanceFileEntity file, string reason, long? bytes = null, CancellationToken cancellationToken = default)
    {
        file.Status = nameof(FileStatus.Failed);
        file.FailureReason = reason;
        if (bytes is { } b) file.Bytes = b;
        file.CompletedAt = time.GetUtcNow();
        await Files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Marks a file Failed whether or not it has a row yet (the poison path: the message may never have reached ingest).</summary>
    public async Task FailAsync(string container, string blobName, string reason, CancellationToken cancellationToken = default)
    {
        var fileId = IngestHandler.FileIdFor(container, blobName);
        var file = await GetAsync(fileId, cancellationToken)
                   ?? new RemittanceFileEntity { FileId = fileId, Container = container, BlobName = blobName, ReceivedAt = time.GetUtcNow() };
        await FailAsync(file, reason, cancellationToken: cancellationToken);
    }

    /// <summary>Records a file that was refused without being read; a second refusal of the same file (a redelivery) keeps the first.</summary>
    public async Task RefuseAsync(string container, string blobName, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var file = new RemittanceFileEntity
        {
            FileId = IngestHandler.FileIdFor(container, blobName), Container = container, BlobName = blobName,
            ReceivedAt = now, CompletedAt = now, Attempts = 1, Status = nameof(FileStatus.Failed), FailureReason = reason,
        };
        try
        {
            await Files.AddEntityAsync(file, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Refused before (a redelivery): already on record.
        }
    }

    /// <summary>Counts an ingest attempt and marks the file Processing (insert, or ETag-conditional update: concurrent ingests count both).</summary>
    public async Task<RemittanceFileEntity> StartAttemptAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var files = Files;
        var fileId = IngestHandler.FileIdFor(container, blobName);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await files.GetEntityIfExistsAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: cancellationToken);
            var file = existing.HasValue
                ? existing.Value!
                : new RemittanceFileEntity { FileId = fileId, Container = container, BlobName = blobName, ReceivedAt = time.GetUtcNow() };
            file.PayerFolder ??= IngestHandler.PayerFolderOf(container, blobName);
            file.Attempts++;
            file.Status = nameof(FileStatus.Processing);
            try
            {
                var r = existing.HasValue
                    ? await files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await files.AddEntityAsync(file, cancellationToken);
                file.ETag = r.Headers.ETag ?? file.ETag;
                return file;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * (attempt + 1)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes the outcome of an ingest under the row's ETag. Another ingest of the same file (a re-drop, a redelivery,
    /// another instance) may have written the row meanwhile: on a conflict the row is read again and
    /// <paramref name="apply"/> runs on it again, so it must add this run's results to what the row holds.
    /// </summary>
    /// <returns>The row as written.</returns>
    public async Task<RemittanceFileEntity> CompleteAsync(RemittanceFileEntity file, Action<RemittanceFileEntity> apply, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            apply(file);
            file.CompletedAt = time.GetUtcNow();
            try
            {
                await Files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, cancellationToken);
                return file;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 10)
            {
                file = (await Files.GetEntityAsync<RemittanceFileEntity>(file.FileId, RemittanceFileEntity.FileRowKey, cancellationToken: cancellationToken)).Value;
            }
        }
    }

    /// <summary>Replaces the row if nobody wrote it since it was read (its ETag); false when someone did.</summary>
    public async Task<bool> TryReplaceAsync(RemittanceFileEntity file, CancellationToken cancellationToken = default)
    {
        try
        {
            await Files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}
