using DenialPipeline.Pipeline;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Cases;
using DenialPipeline.Denials;
using DenialPipeline.Metrics;
using DenialPipeline.Research.Records;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;
using DenialPipeline.X12;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Ingest;

/// <summary>
/// Stage 1 (queue <c>denial-files</c>): reads a dropped 835 or CSV denial report (<see cref="DenialFileReader"/>: the
/// format from the first bytes, a report's mapping from its header row) from a drop container (<c>drops</c>, or an SFTP payer's
/// <c>drops-{payerId}</c>; events for any other container are refused and recorded as failed files), records the file with its
/// warnings and errors, creates one case per denied claim (deterministic ids: a re-drop or redelivery creates
/// nothing twice) and asks for research. The original blob is never changed or deleted.
/// </summary>
public sealed partial class IngestHandler(
    BlobServiceClient blobs,
    TableServiceClient tables,
    CaseStore cases,
    PipelineQueues queues,
    ResolutionHandler resolution,
    MetricsReceipts receipts,
    RecordStore records,
    SenderScopes senders,
    TimeProvider time,
    IOptions<IngestOptions> options,
    ILogger<IngestHandler> logger,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime? lifetime = null)
{
    public const int MaxIssuesKept = 200;

    /// <summary>Paid service lines are recorded (for duplicate checks) every this many, and at the end of the file.</summary>
    public const int PaidServicesBatch = 500;

    public async Task HandleAsync(string message, CancellationToken cancellationToken = default)
    {
        var evt = MessageJson.TryDeserialize<BlobCreatedEvent>(message);
        var location = evt?.ParseSubject();
        if (evt is null || location is null || evt.EventType != BlobCreatedEvent.BlobCreatedType)
        {
            LogUnreadableMessage(logger);
            return; // permanent: nothing to read; the message completes
        }
        var (container, blobName) = location.Value;
        if (!StorageNames.Containers.IsDropContainer(container))
        {
            await RefuseAsync(container, blobName, cancellationToken);
            return; // permanent: recorded as a failed file; the message completes
        }
        await IngestBlobAsync(container, blobName, cancellationToken);
    }

    /// <summary>The file id of a dropped blob: a hash of its container and name (the same blob is the same file).</summary>
    public static string FileIdFor(string container, string blobName) => Keys.Hash("f", container, blobName);

    /// <summary>The file id of a blob in the drops container.</summary>
    public static string FileIdFor(string blobName) => FileIdFor(StorageNames.Containers.Drops, blobName);

    /// <summary>
    /// The payer a dropped file came from: the payer of an SFTP container <c>drops-{payer}</c>, or the first folder of
    /// <c>drops/{payer}/…</c> (uploads through the API); null for a file at the top of drops or another container.
    /// </summary>
    public static string? PayerFolderOf(string container, string blobName)
    {
        if (StorageNames.Containers.PayerOfDrops(container) is { } payer) return payer;
        if (container != StorageNames.Containers.Drops) return null;
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? blobName[..slash] : null;
    }

    /// <summary>Ingests a blob of the drops container.</summary>
    public Task<RemittanceFileEntity> IngestBlobAsync(string blobName, CancellationToken cancellationToken = default) =>
        IngestBlobAsync(StorageNames.Containers.Drops, blobName, cancellationToken);

    /// <summary>Ingests a blob of a drop container (<c>drops</c> or an SFTP payer's <c>drops-{payerId}</c>); the original stays there.</summary>
    public async Task<RemittanceFileEntity> IngestBlobAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        if (!StorageNames.Containers.IsDropContainer(container))
            throw new ArgumentException($"'{container}' is not a drop container.", nameof(container));
        var files = tables.GetTableClient(StorageNames.Tables.Remittances);
        var fileId = FileIdFor(container, blobName);
        var file = await StartAttemptAsync(files, fileId, container, blobName, cancellationToken);

        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        Stream content;
        Uploader? uploader;
        long size;
        try
        {
            var props = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            size = props.ContentLength;
            uploader = Uploader.FromMetadata(props.Metadata);
            SetUploader(file, uploader);
            var limit = options.Value.MaxFileBytes;
            if (size > limit)
            {
                file.Status = nameof(FileStatus.Failed);
                file.Bytes = size;
                file.FailureReason = $"The file is {size:N0} bytes, above the limit of {limit:N0} bytes ({AppSettings.IngestMaxFileBytes}); it was not read. Split it, or raise the limit.";
                file.CompletedAt = time.GetUtcNow();
                await files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);
                LogFileTooLarge(logger, fileId, size, limit);
                return file;
            }
            content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            file.Status = nameof(FileStatus.Failed);
            file.FailureReason = $"The file '{blobName}' is not in the '{container}' container (it was removed before it could be read).";
            file.CompletedAt = time.GetUtcNow();
            await files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);
            LogFileMissing(logger, fileId);
            return file;
        }

        // A payer's file speaks only for the payer ids its sender was mapped to; staff drops are trusted (null scope).
        var gate = new TransactionGate(await senders.ForAsync(container, blobName, uploader, cancellationToken), file.Quarantine());
        var tally = new Tally();
        var received = new ClaimsReceived();
        var issues = new List<FileIssue>();
        string? csvMapping;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (content)
        await using (var hashing = new HashingReadStream(content, hash))
        {
            // An 835 is streamed as before; a CSV report gives the same events through the mapping its header fits.
            var read = await DenialFileReader.OpenAsync(hashing, blobName, records.CsvMappingsAsync, cancellationToken);
            file.CsvMapping = csvMapping = read.Mapping?.Payer;
            if (read.Format == DenialFileFormat.CsvReport)
            {
                var limit = options.Value.MaxCsvFileBytes;
                var failure = read.Failure ?? (size > limit
                    ? $"The file is a CSV denial report of {size:N0} bytes, above the limit of {limit:N0} bytes for reports (Ingest__MaxCsvFileBytes; a report's claims are held in memory until its last row); it was not read. Split it, or raise the limit."
                    : null);
                if (failure is not null)
                {
                    file.Status = nameof(FileStatus.Failed);
                    file.Bytes = size;
                    file.FailureReason = failure;
                    file.CompletedAt = time.GetUtcNow();
                    await files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);
                    LogCsvNotRead(logger, fileId, read.Failure is null ? "above the report size limit" : "no mapping fits its header");
                    return file;
                }
            }
            using var slots = new SemaphoreSlim(16);
            var backlog = new ResearchBacklog(queues, options.Value, logger, fileId, lifetime?.ApplicationStopping ?? CancellationToken.None);
            var index = resolution.OpenIndexSession(); // cached index reads, batched index writes for the whole file
            var pending = new List<Task>();
            var paid = new List<PaidService>(); // paid lines, for later duplicate checks
            await foreach (var evt in read.Events)
            {
                switch (evt)
                {
                    case TransactionStarted { Transaction: var started }:
                        tally.Transactions++;
                        gate.Started(started);
                        break;
                    case IssueFound { Issue: var issue }:
                        if (issue.Severity == X12IssueSeverity.Error) tally.Errors++; else tally.Warnings++;
                        if (issues.Count < MaxIssuesKept) issues.Add(FileIssue.From(issue));
                        break;
                    case ClaimRead { Claim: var claim, Transaction: var tx }:
                        tally.Claims++;
                        if (gate.Holds(tx)) break; // quarantined: opens, closes and records nothing
                        received.Add(tx, claim);
                        paid.AddRange(RecordStore.PaidServicesOf(tx, claim));
                        if (paid.Count >= PaidServicesBatch)
                        {
                            await records.RecordPaidServicesAsync(paid, cancellationToken);
                            paid.Clear();
                        }
                        if (claim.Reversal) tally.Reversals++;
                        if (!claim.Denied)
                        {
                            // A later payment or a reversal may resolve (or reopen) open cases of the same claim.
                            await slots.WaitAsync(cancellationToken);
                            pending.Add(ResolveAsync(fileId, tx, claim, index, slots, cancellationToken));
                            pending.RemoveAll(t => t.IsCompletedSuccessfully);
                            break;
                        }
                        tally.Denied++;
                        if (tally.Denied % options.Value.BacklogCheckEvery == 0) await backlog.WaitForResearchAsync(cancellationToken);
                        await slots.WaitAsync(cancellationToken);
                        pending.Add(OpenCaseAsync(fileId, tx, claim, tally, index, slots, cancellationToken));
                        pending.RemoveAll(t => t.IsCompletedSuccessfully);
                        break;
                }
            }
            await Task.WhenAll(pending);
            await records.RecordPaidServicesAsync(paid, cancellationToken);
            // Duplicate denials are researched once every payment of this file is recorded: the original payment may sit
            // later in the same file. (A crash before this point leaves them New; the redelivered file message sends them.)
            foreach (var caseId in tally.AfterPayments) await queues.SendResearchAsync(caseId, cancellationToken);
            await index.FlushAsync(cancellationToken); // before the file counts as processed: a redelivery re-indexes what a crash lost
            file.Bytes = hashing.BytesRead;
        }

        await receipts.RecordAsync(fileId, received, cancellationToken);
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        var bytes = file.Bytes;
        // Another ingest of the same file (a re-drop, a redelivery, another instance) may have written the row meanwhile:
        // write under its ETag, re-reading on conflict, and add this run's new cases to what earlier runs created.
        for (var attempt = 0; ; attempt++)
        {
            file.ContentSha256 = sha;
            file.Bytes = bytes;
            file.Transactions = tally.Transactions;
            file.ClaimsRead = tally.Claims;
            file.DeniedClaims = tally.Denied;
            file.CasesCreated += tally.Created;
            file.Reversals = tally.Reversals;
            file.WarningCount = tally.Warnings;
            file.ErrorCount = tally.Errors;
            file.IssuesJson = JsonSerializer.Serialize(issues, MessageJson.Options);
            file.CsvMapping = csvMapping;
            file.Status = tally.Errors > 0 || (tally.Transactions == 0 && tally.Claims == 0)
                ? nameof(FileStatus.ProcessedWithErrors)
                : nameof(FileStatus.Processed);
            if (tally.Transactions == 0 && tally.Claims == 0 && tally.Errors == 0)
            {
                file.ErrorCount = 1;
                file.IssuesJson = JsonSerializer.Serialize(new[] { new FileIssue("Error", "NoTransactions", "The file holds no 835 transaction (no ST*835 … SE was found).", 0, 0, null, null) }, MessageJson.Options);
            }
            SetUploader(file, uploader);
            var quarantine = gate.Merge(file.Quarantine());
            file.QuarantineJson = quarantine is null ? null : JsonSerializer.Serialize(quarantine, MessageJson.Options);
            if (quarantine?.Pending.Any() == true) file.Status = nameof(FileStatus.Quarantined);
            file.FailureReason = null; // a retried file that failed before
            file.CompletedAt = time.GetUtcNow();
            try
            {
                await files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, cancellationToken);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 10)
            {
                file = (await files.GetEntityAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: cancellationToken)).Value;
            }
        }
        LogFileIngested(logger, fileId, tally.Claims, tally.Denied, tally.Created, tally.Warnings, tally.Errors);
        if (gate.HeldClaims > 0) LogQuarantined(logger, fileId, gate.HeldClaims);
        return file;
    }

    /// <summary>Copies who uploaded the file (the blob's metadata, set by <c>POST /api/files</c>) onto its row.</summary>
    private static void SetUploader(RemittanceFileEntity file, Uploader? uploader)
    {
        if (uploader is null) return;
        file.UploadedBy = uploader.Actor;
        file.UploadedByRole = uploader.Role.Length > 0 ? uploader.Role : null;
        file.UploadedById = uploader.ObjectId;
    }

    /// <summary>
    /// A BlobCreated event for a container that is not a drop container (the Event Grid subscriptions send none; a
    /// hand-made or misrouted message could): the blob is not read, and the refusal is recorded as a failed file, where
    /// users look, under the container and name the event gave.
    /// </summary>
    private async Task RefuseAsync(string container, string blobName, CancellationToken ct)
    {
        var files = tables.GetTableClient(StorageNames.Tables.Remittances);
        var fileId = FileIdFor(container, blobName);
        var file = new RemittanceFileEntity
        {
            FileId = fileId,
            Container = container,
            BlobName = blobName,
            ReceivedAt = time.GetUtcNow(),
            CompletedAt = time.GetUtcNow(),
            Attempts = 1,
            Status = nameof(FileStatus.Failed),
            FailureReason = $"Refused: '{container}' is not a drop container, so '{blobName}' was not read. Only '{StorageNames.Containers.Drops}' and " +
                $"the SFTP payer containers '{StorageNames.Containers.Drops}-<payerId>' are ingested; put the file in one of them.",
        };
        try
        {
            await files.AddEntityAsync(file, ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Refused before (a redelivery): already on record.
        }
        LogRefusedContainer(logger, container, fileId);
    }

    /// <summary>Counts the attempt and marks the file Processing (insert, or ETag-conditional update: concurrent ingests count both).</summary>
    private async Task<RemittanceFileEntity> StartAttemptAsync(TableClient files, string fileId, string container, string blobName, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await files.GetEntityIfExistsAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: ct);
            var file = existing.HasValue
                ? existing.Value!
                : new RemittanceFileEntity { FileId = fileId, Container = container, BlobName = blobName, ReceivedAt = time.GetUtcNow() };
            file.PayerFolder ??= PayerFolderOf(container, blobName);
            file.Attempts++;
            file.Status = nameof(FileStatus.Processing);
            try
            {
                var r = existing.HasValue
                    ? await files.UpdateEntityAsync(file, file.ETag, TableUpdateMode.Replace, ct)
                    : await files.AddEntityAsync(file, ct);
                file.ETag = r.Headers.ETag ?? file.ETag;
                return file;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * (attempt + 1)), ct);
            }
        }
    }

    private async Task OpenCaseAsync(string fileId, RemittanceTransaction tx, ClaimPayment claim, Tally tally, CaseIndexSession index, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            var entity = CaseFactory.FromClaim(fileId, tx, claim);
            var where = CsvDenialReportReader.IsCsv(tx)
                ? $"CSV report row {claim.Position.SegmentIndex}"
                : $"transaction {tx.ControlNumber}, segment {claim.Position.SegmentIndex}";
            var created = await cases.CreateAsync(entity, new CaseChange("Opened", CaseStatus.New, "system:ingest",
                $"Denied claim read from file {fileId}, {where}."), ct);
            if (created) Interlocked.Increment(ref tally.Created);
            var opened = created ? entity : await cases.GetAsync(entity.CaseId, ct);
            if (opened is null) return;
            await resolution.CaseOpenedAsync(opened, tx, claim, index, ct); // index it; an earlier sent appeal was upheld
            // Already there (re-drop or redelivery): ask for research again only if it never got past New.
            if (!created && opened.StatusValue != CaseStatus.New) return;
            if (IsDuplicateDenial(claim)) tally.AfterPayments.Enqueue(entity.CaseId);
            else await queues.SendResearchAsync(entity.CaseId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ResolveAsync(string fileId, RemittanceTransaction tx, ClaimPayment claim, CaseIndexSession index, SemaphoreSlim gate, CancellationToken ct)
    {
        try { await resolution.ClaimPaidOrReversedAsync(fileId, tx, claim, index, ct); }
        finally { gate.Release(); }
    }

    /// <summary>
    /// Ingest's backpressure for one file (see <see cref="IngestOptions.MaxResearchBacklog"/>). Operational waiting, so real
    /// time: a test's fake business clock does not move it. When the host is stopping, ingest stops waiting and opens the
    /// rest of its cases: the host drains in-flight work before it stops its queue listeners, and the research stage that
    /// would drain the backlog has already stopped, so waiting would hold the shutdown until the budget ran out.
    /// </summary>
    private sealed class ResearchBacklog(PipelineQueues queues, IngestOptions options, ILogger logger, string fileId, CancellationToken stopping)
    {
        private TimeSpan _waited;

        public async Task WaitForResearchAsync(CancellationToken ct)
        {
            var budget = TimeSpan.FromSeconds(options.MaxBacklogWaitSeconds);
            if (options.MaxResearchBacklog == 0 || _waited >= budget || stopping.IsCancellationRequested) return;
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var delay = TimeSpan.FromMilliseconds(100);
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
                while (_waited + System.Diagnostics.Stopwatch.GetElapsedTime(start) < budget
                       && await queues.ApproximateCountAsync(StorageNames.Queues.DenialResearch, ct) > options.MaxResearchBacklog)
                {
                    await Task.Delay(delay, wait.Token);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // the host is stopping: go on without waiting
            }
            finally
            {
                _waited += System.Diagnostics.Stopwatch.GetElapsedTime(start);
                if (_waited >= budget) LogBacklogBudgetSpent(logger, fileId, (int)budget.TotalSeconds); // once: later calls return above
            }
        }
    }

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Ingest: file {FileId}: {Claims} claims held back in quarantine (their transactions name a payer or sender the file's sender may not use)")]
    private static partial void LogQuarantined(ILogger logger, string fileId, int claims);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Ingest: file {FileId} waited {Seconds} s in total for the research backlog to drain; it opens its remaining cases without waiting")]
    private static partial void LogBacklogBudgetSpent(ILogger logger, string fileId, int seconds);

    /// <summary>A denial for a duplicate (CARC 18): research looks for the earlier payment, which may be in this very file.</summary>
    internal static bool IsDuplicateDenial(ClaimPayment claim) => claim.AllAdjustments.Any(a => a.Reason == "18" && DenialRules.IsWorkable(a));

    private sealed class Tally
    {
        public int Transactions, Claims, Denied, Reversals, Warnings, Errors;
        public int Created;

        /// <summary>Cases whose research waits until the file's payments are recorded (duplicate denials).</summary>
        public readonly System.Collections.Concurrent.ConcurrentQueue<string> AfterPayments = new();
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Ingest: the message is not a BlobCreated event for a blob; it is skipped")]
    private static partial void LogUnreadableMessage(ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Ingest: a blob in container {Container} was refused (only drops and drops-<payerId> are read); recorded as failed file {FileId}")]
    private static partial void LogRefusedContainer(ILogger logger, string container, string fileId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Ingest: file {FileId} was removed before it could be read")]
    private static partial void LogFileMissing(ILogger logger, string fileId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Ingest: file {FileId} is {Bytes} bytes, above the limit of {Limit}; not read")]
    private static partial void LogFileTooLarge(ILogger logger, string fileId, long bytes, long limit);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Ingest: file {FileId} is a CSV denial report that was not read ({Why}); marked Failed")]
    private static partial void LogCsvNotRead(ILogger logger, string fileId, string why);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Ingest: file {FileId}: {Claims} claims, {Denied} denied, {Created} new cases, {Warnings} warnings, {Errors} errors")]
    private static partial void LogFileIngested(ILogger logger, string fileId, int claims, int denied, int created, int warnings, int errors);
}
