using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using DenialPipeline.Pipeline;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// The pre-submission check, host-agnostic: a file (CLI, API) or a dropped blob (queue <c>claims-outbound</c>) →
/// claims → records → rules → results, stored so a later 835 can be joined to them. An 837 is checked in chunks of
/// <see cref="ChunkSize"/> claims (records loaded per chunk), so memory stays flat however large the batch.
/// </summary>
public sealed partial class ClaimCheckHandler(
    ClaimChecker checker, ClaimCheckRecordsLoader loader, ClaimCheckStore store, BlobServiceClient blobs, TimeProvider time, ILogger<ClaimCheckHandler> logger)
{
    public const int ChunkSize = 500;

    /// <summary>The batch id of a file: a hash of its name and content, so the same batch checked again rewrites its rows.</summary>
    public static string BatchIdOf(string name, byte[] content) => Keys.Hash("k", name, Convert.ToHexString(SHA256.HashData(content)));

    /// <summary>Checks a file and stores the results under its batch id.</summary>
    public async Task<ClaimCheckReport> CheckAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var batchId = BatchIdOf(fileName, content);
        var results = new List<ClaimCheckResult>();
        var errors = new List<ClaimCheckInputError>();
        var at = time.GetUtcNow();
        await foreach (var (chunk, chunkErrors) in CheckChunksAsync(fileName, content, cancellationToken))
        {
            errors.AddRange(chunkErrors);
            if (chunk.Count == 0) continue;
            await store.SaveAsync(batchId, fileName, at, chunk, cancellationToken);
            results.AddRange(chunk);
        }
        LogChecked(logger, batchId, results.Count, results.Count(r => r.Outcome == ClaimCheckStatus.FixFirst), errors.Count);
        return new ClaimCheckReport(batchId, results, errors);
    }

    /// <summary>Checks a file chunk by chunk without storing (the benchmark and the CLI's streaming output use this).</summary>
    public async IAsyncEnumerable<(List<ClaimCheckResult> Results, List<ClaimCheckInputError> Errors)> CheckChunksAsync(
        string fileName, byte[] content, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var batch = new BatchIndex();
        if (ClaimCheckInput.LooksLikeJson(content.AsSpan(0, Math.Min(content.Length, 64))))
        {
            var (items, fhir) = ClaimCheckInput.ReadFhir(fileName, content);
            var claims = items.Where(i => i.Claim is not null).Select(i => i.Claim!).ToList();
            var records = await loader.LoadAsync(claims, cancellationToken);
            records = records with
            {
                Coverages = Merge(records.Coverages, fhir.Coverages, c => c.MemberId),
                Authorizations = Merge(records.Authorizations, fhir.Authorizations, a => a.MemberId),
            };
            yield return (claims.Select(c => CheckOne(c, records, today, batch)).ToList(), items.Where(i => i.Error is not null).Select(i => i.Error!).ToList());
            yield break;
        }
        var pending = new List<ClaimUnderCheck>(ChunkSize);
        var pendingErrors = new List<ClaimCheckInputError>();
        using var stream = new MemoryStream(content, writable: false);
        await foreach (var item in ClaimCheckInput.ReadX12Async(fileName, stream, cancellationToken))
        {
            if (item.Error is not null) pendingErrors.Add(item.Error);
            if (item.Claim is not null) pending.Add(item.Claim);
            if (pending.Count < ChunkSize) continue;
            yield return (await CheckChunkAsync(pending, today, batch, cancellationToken), pendingErrors);
            pending = new List<ClaimUnderCheck>(ChunkSize);
            pendingErrors = [];
        }
        if (pending.Count > 0 || pendingErrors.Count > 0)
            yield return (await CheckChunkAsync(pending, today, batch, cancellationToken), pendingErrors);
    }

    private async Task<List<ClaimCheckResult>> CheckChunkAsync(List<ClaimUnderCheck> claims, DateOnly today, BatchIndex batch, CancellationToken ct)
    {
        if (claims.Count == 0) return [];
        var records = await loader.LoadAsync(claims, ct);
        return claims.Select(c => CheckOne(c, records, today, batch)).ToList();
    }

    private ClaimCheckResult CheckOne(ClaimUnderCheck claim, CheckRecords records, DateOnly today, BatchIndex batch) =>
        checker.CheckInBatch(claim, records, today, batch);

    /// <summary>A BlobCreated event for the claims-outbound container: check the blob's claims and store the results.</summary>
    public async Task HandleAsync(BlobCreatedEvent evt, CancellationToken cancellationToken = default)
    {
        if (evt.ParseSubject() is not { } location || evt.EventType != BlobCreatedEvent.BlobCreatedType || location.Container != StorageNames.Containers.ClaimsOutbound)
        {
            LogNotAnEvent(logger);
            return;
        }
        byte[] content;
        try
        {
            content = (await blobs.GetBlobContainerClient(location.Container).GetBlobClient(location.BlobName).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            LogBlobGone(logger, location.BlobName.Length);
            return;
        }
        await CheckAsync(location.BlobName, content, cancellationToken);
    }

    private static ILookup<string, T> Merge<T>(ILookup<string, T> existing, IReadOnlyList<T> more, Func<T, string?> member) =>
        more.Count == 0 ? existing : CheckRecords.ByMember(existing.SelectMany(g => g).Concat(more), member);

    [LoggerMessage(EventId = 12000, Level = LogLevel.Information, Message = "Claim check: batch {BatchId} checked {Claims} claims, {FixFirst} to fix first, {Errors} not checkable")]
    private static partial void LogChecked(ILogger logger, string batchId, int claims, int fixFirst, int errors);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Warning, Message = "Claim check: the message is not a BlobCreated event for the claims-outbound container; it is skipped")]
    private static partial void LogNotAnEvent(ILogger logger);

    [LoggerMessage(EventId = 12002, Level = LogLevel.Warning, Message = "Claim check: the dropped blob (name length {Length}) is gone; nothing to check")]
    private static partial void LogBlobGone(ILogger logger, int length);
}
