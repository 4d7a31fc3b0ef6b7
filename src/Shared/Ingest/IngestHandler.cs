using DenialPipeline.Pipeline;
using System.Security.Cryptography;
using Azure;
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
    RemittanceFileStore files,
    CaseStore cases,
    PipelineQueues queues,
    ResolutionHandler resolution,
    MetricsReceipts receipts,
    RecordStore records,
    SenderScopes senders,
    IOptions<IngestOptions> options,
    ILogger<IngestHandler> logger,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime? lifetime = null)
{
    public const int MaxIssuesKept = 200;

    /// <summary>Paid service lines are recorded (for duplicate checks) every this many, and at the end of the file.</summary>
    public const int PaidServicesBatch = 500;

    public async Task HandleAsync(BlobCreatedEvent message, CancellationToken cancellationToken = default)
    {
        var location = message.ParseSubject();
        if (location is null || message.EventType != BlobCreatedEvent.BlobCreatedType)
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
        var file = await files.StartAttemptAsync(container, blobName, cancellationToken);
        var opened = await OpenAsync(file, container, blobName, cancellationToken);
        if (opened is not { } o) return file;
        var (content, size, uploader) = o;

        // A payer's file speaks only for the payer ids its sender was mapped to; staff drops are trusted (null scope).
        var run = new IngestRun(file.FileId, new TransactionGate(await senders.ForAsync(container, blobName, uploader, cancellationToken), file.Quarantine()));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (content)
        await using (var hashing = new HashingReadStream(content, hash))
        {
            // An 835 is streamed as before; a CSV report gives the same events through the mapping its header fits.
            var read = await DenialFileReader.OpenAsync(hashing, blobName, records.CsvMappingsAsync, cancellationToken);
            file.CsvMapping = run.CsvMapping = read.Mapping?.Payer;
            if (CsvFailure(read, size) is { } failure)
            {
                await files.FailAsync(file, failure, size, cancellationToken);
                LogCsvNotRead(logger, file.FileId, read.Failure is null ? "above the report size limit" : "no mapping fits its header");
                return file;
            }
            await ReadEventsAsync(read, run, cancellationToken);
            run.Bytes = hashing.BytesRead;
        }

        await receipts.RecordAsync(file.FileId, run.Received, cancellationToken);
        run.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        file = await files.CompleteAsync(file, f => run.WriteTo(f, uploader), cancellationToken);
        var t = run.Tally;
        LogFileIngested(logger, file.FileId, t.Claims, t.Denied, t.Created, t.Warnings, t.Errors);
        if (run.Gate.HeldClaims > 0) LogQuarantined(logger, file.FileId, run.Gate.HeldClaims);
        return file;
    }

    /// <summary>Opens the blob for reading, or marks the file Failed (too large, or removed before it could be read) and returns null.</summary>
    private async Task<(Stream Content, long Size, Uploader? Uploader)?> OpenAsync(RemittanceFileEntity file, string container, string blobName, CancellationToken ct)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        try
        {
            var props = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
            var size = props.ContentLength;
            var uploader = Uploader.FromMetadata(props.Metadata);
            IngestRun.SetUploader(file, uploader);
            var limit = options.Value.MaxFileBytes;
            if (size > limit)
            {
                await files.FailAsync(file, $"The file is {size:N0} bytes, above the limit of {limit:N0} bytes ({AppSettings.IngestMaxFileBytes}); it was not read. Split it, or raise the limit.", size, ct);
                LogFileTooLarge(logger, file.FileId, size, limit);
                return null;
            }
            return (await blob.OpenReadAsync(cancellationToken: ct), size, uploader);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await files.FailAsync(file, $"The file '{blobName}' is not in the '{container}' container (it was removed before it could be read).", cancellationToken: ct);
            LogFileMissing(logger, file.FileId);
            return null;
        }
    }

    /// <summary>Why a CSV report is not read (no mapping fits its header, or it is above the report size limit); null to read it.</summary>
    private string? CsvFailure(DenialFileRead read, long size)
    {
        if (read.Format != DenialFileFormat.CsvReport) return null;
        var limit = options.Value.MaxCsvFileBytes;
        return read.Failure ?? (size > limit
            ? $"The file is a CSV denial report of {size:N0} bytes, above the limit of {limit:N0} bytes for reports (Ingest__MaxCsvFileBytes; a report's claims are held in memory until its last row); it was not read. Split it, or raise the limit."
            : null);
    }

    /// <summary>Reads the file's events: counts and keeps issues, opens a case per denied claim, resolves paid or reversed claims.</summary>
    private async Task ReadEventsAsync(DenialFileRead read, IngestRun run, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(16);
        var backlog = new ResearchBacklog(queues, options.Value, logger, run.FileId, lifetime?.ApplicationStopping ?? CancellationToken.None);
        var index = resolution.OpenIndexSession(); // cached index reads, batched index writes for the whole file
        var outbox = new ResearchOutbox(queues, options.Value.ClaimsPerResearchMessage);
        var pending = new List<Task>();
        try
        {
            var paid = new List<PaidService>(); // paid lines, for later duplicate checks
            var tally = run.Tally;
            await foreach (var evt in read.Events)
            {
                if (run.Count(evt) is not ClaimRead { Claim: var claim, Transaction: var tx }) continue;
                paid.AddRange(RecordStore.PaidServicesOf(tx, claim));
                if (paid.Count >= PaidServicesBatch)
                {
                    await records.RecordPaidServicesAsync(paid, ct);
                    paid.Clear();
                }
                if (!claim.Denied)
                {
                    // A later payment or a reversal may resolve (or reopen) open cases of the same claim.
                    await gate.WaitAsync(ct);
                    pending.Add(ResolveAsync(run.FileId, tx, claim, index, gate, ct));
                }
                else
                {
                    tally.Denied++;
                    if (tally.Denied % options.Value.BacklogCheckEvery == 0) await backlog.WaitForResearchAsync(ct);
                    await gate.WaitAsync(ct);
                    pending.Add(OpenCaseAsync(run.FileId, tx, claim, tally, index, outbox, gate, ct));
                }
                pending.RemoveAll(t => t.IsCompletedSuccessfully);
            }
            await Task.WhenAll(pending);
            await records.RecordPaidServicesAsync(paid, ct);
            // Duplicate denials are researched once every payment of this file is recorded: the original payment may sit
            // later in the same file. (A crash before this point leaves them New; the redelivered file message sends them.)
            foreach (var caseId in tally.AfterPayments) await outbox.AddAsync(caseId, ct);
            await outbox.FlushAsync(ct);
        }
        catch (Exception)
        {
            // A case opening (or anything after it) failed and the file's message will be retried: the cases opened so far
            // still ask for research now, so none waits on a retry that may never succeed.
            await outbox.TrySendWaitingAsync(pending);
            throw;
        }
        await index.FlushAsync(ct); // before the file counts as processed: a redelivery re-indexes what a crash lost
    }

    /// <summary>
    /// A BlobCreated event for a container that is not a drop container (the Event Grid subscriptions send none; a
    /// hand-made or misrouted message could): the blob is not read, and the refusal is recorded as a failed file, where
    /// users look, under the container and name the event gave.
    /// </summary>
    private async Task RefuseAsync(string container, string blobName, CancellationToken ct)
    {
        await files.RefuseAsync(container, blobName,
            $"Refused: '{container}' is not a drop container, so '{blobName}' was not read. Only '{StorageNames.Containers.Drops}' and " +
            $"the SFTP payer containers '{StorageNames.Containers.Drops}-<payerId>' are ingested; put the file in one of them.", ct);
        LogRefusedContainer(logger, container, FileIdFor(container, blobName));
    }

    private async Task OpenCaseAsync(string fileId, RemittanceTransaction tx, ClaimPayment claim, IngestTally tally, CaseIndexSession index,
        ResearchOutbox outbox, SemaphoreSlim gate, CancellationToken ct)
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
            else await outbox.AddAsync(entity.CaseId, ct);
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

    /// <summary>A denial for a duplicate (CARC 18): research looks for the earlier payment, which may be in this very file.</summary>
    internal static bool IsDuplicateDenial(ClaimPayment claim) => claim.AllAdjustments.Any(a => a.Reason == "18" && DenialRules.IsWorkable(a));

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Ingest: file {FileId}: {Claims} claims held back in quarantine (their transactions name a payer or sender the file's sender may not use)")]
    private static partial void LogQuarantined(ILogger logger, string fileId, int claims);

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
