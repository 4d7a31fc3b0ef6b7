using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;
using DenialPipeline.X12;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

/// <summary>
/// Stage 1 (queue <c>denial-files</c>): reads a dropped 835 from the drops container, records the file with its
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
    TimeProvider time,
    ILogger<IngestHandler> logger)
{
    public const int MaxIssuesKept = 200;

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
        if (container != StorageNames.Containers.Drops)
        {
            LogOtherContainer(logger, container);
            return;
        }
        await IngestBlobAsync(blobName, cancellationToken);
    }

    public static string FileIdFor(string blobName) => Keys.Hash("f", StorageNames.Containers.Drops, blobName);

    public async Task<RemittanceFileEntity> IngestBlobAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var files = tables.GetTableClient(StorageNames.Tables.Remittances);
        var fileId = FileIdFor(blobName);
        var file = (await files.GetEntityIfExistsAsync<RemittanceFileEntity>(fileId, RemittanceFileEntity.FileRowKey, cancellationToken: cancellationToken)) is { HasValue: true } existing
            ? existing.Value!
            : new RemittanceFileEntity { FileId = fileId, Container = StorageNames.Containers.Drops, BlobName = blobName, ReceivedAt = time.GetUtcNow() };
        file.Attempts++;
        file.Status = nameof(FileStatus.Processing);
        await files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);

        var blob = blobs.GetBlobContainerClient(StorageNames.Containers.Drops).GetBlobClient(blobName);
        Stream content;
        try
        {
            content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            file.Status = nameof(FileStatus.Failed);
            file.FailureReason = $"The file '{blobName}' is not in the '{StorageNames.Containers.Drops}' container (it was removed before it could be read).";
            file.CompletedAt = time.GetUtcNow();
            await files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);
            LogFileMissing(logger, fileId);
            return file;
        }

        var tally = new Tally();
        var received = new ClaimsReceived();
        var issues = new List<FileIssue>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (content)
        await using (var hashing = new HashingReadStream(content, hash))
        {
            using var gate = new SemaphoreSlim(16);
            var pending = new List<Task>();
            await foreach (var evt in Remittance835Reader.ReadAsync(hashing, cancellationToken))
            {
                switch (evt)
                {
                    case TransactionStarted:
                        tally.Transactions++;
                        break;
                    case IssueFound { Issue: var issue }:
                        if (issue.Severity == X12IssueSeverity.Error) tally.Errors++; else tally.Warnings++;
                        if (issues.Count < MaxIssuesKept)
                            issues.Add(new FileIssue(issue.Severity.ToString(), issue.Code, issue.Message, issue.Position.SegmentIndex,
                                issue.Position.ByteOffset, issue.TransactionControlNumber, issue.PatientControlNumber));
                        break;
                    case ClaimRead { Claim: var claim, Transaction: var tx }:
                        tally.Claims++;
                        received.Add(tx, claim);
                        if (claim.Reversal) tally.Reversals++;
                        if (!claim.Denied)
                        {
                            // A later payment or a reversal may resolve (or reopen) open cases of the same claim.
                            await gate.WaitAsync(cancellationToken);
                            pending.Add(ResolveAsync(fileId, tx, claim, gate, cancellationToken));
                            pending.RemoveAll(t => t.IsCompletedSuccessfully);
                            break;
                        }
                        tally.Denied++;
                        await gate.WaitAsync(cancellationToken);
                        pending.Add(OpenCaseAsync(fileId, tx, claim, tally, gate, cancellationToken));
                        pending.RemoveAll(t => t.IsCompletedSuccessfully);
                        break;
                }
            }
            await Task.WhenAll(pending);
            file.Bytes = hashing.BytesRead;
        }

        await receipts.RecordAsync(fileId, received, cancellationToken);
        file.ContentSha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        file.Transactions = tally.Transactions;
        file.ClaimsRead = tally.Claims;
        file.DeniedClaims = tally.Denied;
        file.CasesCreated = tally.Created;
        file.Reversals = tally.Reversals;
        file.WarningCount = tally.Warnings;
        file.ErrorCount = tally.Errors;
        file.IssuesJson = JsonSerializer.Serialize(issues, MessageJson.Options);
        file.Status = tally.Errors > 0 || (tally.Transactions == 0 && tally.Claims == 0)
            ? nameof(FileStatus.ProcessedWithErrors)
            : nameof(FileStatus.Processed);
        if (tally.Transactions == 0 && tally.Claims == 0 && tally.Errors == 0)
        {
            file.ErrorCount = 1;
            file.IssuesJson = JsonSerializer.Serialize(new[] { new FileIssue("Error", "NoTransactions", "The file holds no 835 transaction (no ST*835 … SE was found).", 0, 0, null, null) }, MessageJson.Options);
        }
        file.CompletedAt = time.GetUtcNow();
        await files.UpsertEntityAsync(file, TableUpdateMode.Replace, cancellationToken);
        LogFileIngested(logger, fileId, tally.Claims, tally.Denied, tally.Created, tally.Warnings, tally.Errors);
        return file;
    }

    private async Task OpenCaseAsync(string fileId, RemittanceTransaction tx, ClaimPayment claim, Tally tally, SemaphoreSlim gate, CancellationToken ct)
    {
        try
        {
            var entity = CaseFactory.FromClaim(fileId, tx, claim);
            var created = await cases.CreateAsync(entity, new CaseChange("Opened", CaseStatus.New, "system:ingest",
                $"Denied claim read from file {fileId}, transaction {tx.ControlNumber}, segment {claim.Position.SegmentIndex}."), ct);
            if (created) Interlocked.Increment(ref tally.Created);
            await resolution.CaseOpenedAsync(entity.CaseId, tx, claim, ct); // index it; an earlier sent appeal was upheld
            if (!created)
            {
                // Already there (re-drop or redelivery): ask for research again only if it never got past New.
                var existing = await cases.GetAsync(entity.CaseId, ct);
                if (existing?.StatusValue != CaseStatus.New) return;
            }
            await queues.SendResearchAsync(entity.CaseId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ResolveAsync(string fileId, RemittanceTransaction tx, ClaimPayment claim, SemaphoreSlim gate, CancellationToken ct)
    {
        try { await resolution.ClaimPaidOrReversedAsync(fileId, tx, claim, ct); }
        finally { gate.Release(); }
    }

    private sealed class Tally
    {
        public int Transactions, Claims, Denied, Reversals, Warnings, Errors;
        public int Created;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Ingest: the message is not a BlobCreated event for a blob; it is skipped")]
    private static partial void LogUnreadableMessage(ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Ingest: blob in container {Container} ignored (only drops are read)")]
    private static partial void LogOtherContainer(ILogger logger, string container);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Ingest: file {FileId} was removed before it could be read")]
    private static partial void LogFileMissing(ILogger logger, string fileId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Ingest: file {FileId}: {Claims} claims, {Denied} denied, {Created} new cases, {Warnings} warnings, {Errors} errors")]
    private static partial void LogFileIngested(ILogger logger, string fileId, int claims, int denied, int created, int warnings, int errors);
}
