using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DenialPipeline.Storage;

namespace DenialPipeline.Letters;

/// <summary>Letter rows (Table) and their versioned HTML (Blob).</summary>
public sealed class LetterStore(TableServiceClient tables, BlobServiceClient blobs, TimeProvider time)
{
    private TableClient Table => tables.GetTableClient(StorageNames.Tables.Letters);
    private BlobContainerClient Container => blobs.GetBlobContainerClient(StorageNames.Containers.Letters);

    /// <summary>
    /// Drafted HTML up to this many characters is stored as a row beside the letter row (one transaction with it);
    /// a larger draft goes to a blob like every edited version. Table string properties hold 32K UTF-16 characters.
    /// </summary>
    public const int MaxDraftInRow = 30_000;

    /// <summary>Stores version 1 and the row if the letter does not exist yet; returns the stored row either way.</summary>
    public async Task<(LetterEntity Letter, bool Created)> CreateIfAbsentAsync(LetterEntity letter, string html, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        letter.Version = 1;
        letter.CreatedAt = now;
        letter.UpdatedAt = now;
        if (html.Length <= MaxDraftInRow)
        {
            // The draft (version 1) and the letter row in one transaction: one request, and both or neither exist, so a
            // redelivery finds the letter (409) and keeps the stored draft. Edits (version 2 and on) are blobs.
            try
            {
                var r = await Table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, letter),
                     new TableTransactionAction(TableTransactionActionType.Add, new LetterDraftEntity { LetterId = letter.LetterId, Html = html, CreatedAt = now })],
                    cancellationToken);
                letter.ETag = r.Value[0].Headers.ETag ?? default;
                return (letter, true);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                return ((await GetAsync(letter.LetterId, cancellationToken))!, false);
            }
        }

        // A large draft: blob first, then the row that points at it. The blob is written only if absent, so a redelivery
        // never touches a stored draft, and the usual case (a new letter) costs no read: the row's insert says whether it existed.
        try
        {
            await Container.GetBlobClient(LetterEntity.BlobNameFor(letter.LetterId, 1)).UploadAsync(BinaryData.FromString(html),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Version 1 is stored already (a redelivery, or an attempt that stopped before its row): keep it.
        }
        try
        {
            var r = await Table.AddEntityAsync(letter, cancellationToken);
            letter.ETag = r.Headers.ETag ?? default;
            return (letter, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return ((await GetAsync(letter.LetterId, cancellationToken))!, false);
        }
    }

    /// <summary>The drafted version stored beside the letter row; null for a letter whose draft is a blob (large, or drafted before).</summary>
    private async Task<LetterDraftEntity?> DraftRowAsync(string letterId, CancellationToken cancellationToken)
    {
        var r = await Table.GetEntityIfExistsAsync<LetterDraftEntity>(letterId, LetterDraftEntity.RowKeyOf(letterId), cancellationToken: cancellationToken);
        return r.HasValue ? r.Value : null;
    }

    public async Task<LetterEntity?> GetAsync(string letterId, CancellationToken cancellationToken = default)
    {
        if (!Keys.IsValidTableKey(letterId)) return null;
        var r = await Table.GetEntityIfExistsAsync<LetterEntity>(letterId, LetterEntity.RowKeyOf(letterId), cancellationToken: cancellationToken);
        return r.HasValue ? r.Value : null;
    }

    /// <summary>
    /// Marks the letter Failed with <paramref name="reason"/> while it is still Approved, reading it again after a
    /// concurrent change; false when it no longer is (sent, submitted, rejected or failed meanwhile: that change stands,
    /// and whoever made it owns the case's status).
    /// </summary>
    public async Task<bool> TryFailApprovedAsync(LetterEntity letter, string reason, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (attempt > 0 && await GetAsync(letter.LetterId, cancellationToken) is { } current) letter = current;
            if (letter.StatusValue != LetterStatus.Approved) return false;
            letter.StatusValue = LetterStatus.Failed;
            letter.FailureReason = reason;
            letter.DeliveryClaimedUntil = null;
            if (await TryUpdateAsync(letter, cancellationToken)) return true;
        }
        return true; // still Approved after every try: the case shows the failure all the same
    }

    /// <summary>Replaces the row if its ETag still matches; false when someone else changed it first.</summary>
    public async Task<bool> TryUpdateAsync(LetterEntity letter, CancellationToken cancellationToken = default)
    {
        letter.UpdatedAt = time.GetUtcNow();
        try
        {
            var r = await Table.UpdateEntityAsync(letter, letter.ETag, TableUpdateMode.Replace, cancellationToken);
            letter.ETag = r.Headers.ETag ?? letter.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<LetterEntity>> ListAsync(LetterStatus? status = null, string? caseId = null, CancellationToken cancellationToken = default)
    {
        var filter = (status, caseId) switch
        {
            ({ } s, { } c) => LetterEntity.LetterRowsFilter + " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()} and CaseId eq {c}"),
            ({ } s, null) => LetterEntity.LetterRowsFilter + " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}"),
            (null, { } c) => LetterEntity.LetterRowsFilter + " and " + TableClient.CreateQueryFilter($"CaseId eq {c}"),
            _ => LetterEntity.LetterRowsFilter,
        };
        var list = new List<LetterEntity>();
        await foreach (var l in Table.QueryAsync<LetterEntity>(filter, cancellationToken: cancellationToken))
            list.Add(l);
        return list;
    }

    /// <summary>The PDF of one version (versions never change, so a stored PDF is never stale); null when not stored yet.</summary>
    public async Task<byte[]?> ReadPdfAsync(string letterId, int version, CancellationToken cancellationToken = default)
    {
        try
        {
            var r = await Container.GetBlobClient(PdfBlobName(letterId, version)).DownloadContentAsync(cancellationToken);
            return r.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task WritePdfAsync(string letterId, int version, byte[] pdf, CancellationToken cancellationToken = default) =>
        await Container.GetBlobClient(PdfBlobName(letterId, version)).UploadAsync(BinaryData.FromBytes(pdf),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" } }, cancellationToken);

    public static string PdfBlobName(string letterId, int version) => $"{letterId}/v{version}.pdf";

    /// <summary>
    /// Creates version <paramref name="version"/> only if no blob has that name yet (two editors of the same version:
    /// one creates it, the other gets null). Returns the blob's ETag, to delete it if the row update then loses.
    /// </summary>
    public async Task<ETag?> TryCreateVersionAsync(string letterId, int version, string html, string editedBy, CancellationToken cancellationToken = default)
    {
        var blob = Container.GetBlobClient(LetterEntity.BlobNameFor(letterId, version));
        try
        {
            var r = await blob.UploadAsync(BinaryData.FromString(html), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["editedby"] = Uri.EscapeDataString(editedBy) },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return r.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Left behind by an edit that stopped between the blob and the row (the row still says the previous
            // version)? Only an old blob counts as such: a fresh one belongs to an editor who is still saving.
            if (await TryRemoveOrphanAsync(blob, cancellationToken))
                return await TryCreateVersionAsync(letterId, version, html, editedBy, cancellationToken);
            return null;
        }
    }

    /// <summary>How old a version blob beyond the row's version must be before an edit may replace it.</summary>
    public static readonly TimeSpan OrphanVersionAge = TimeSpan.FromMinutes(2);

    private async Task<bool> TryRemoveOrphanAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (time.GetUtcNow() - props.Value.LastModified < OrphanVersionAge) return false;
            await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = props.Value.ETag }, cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Removes a version blob this caller created, if it is still the same blob (used when the row update lost).</summary>
    public async Task DeleteVersionAsync(string letterId, int version, ETag blobETag, CancellationToken cancellationToken = default)
    {
        try
        {
            await Container.GetBlobClient(LetterEntity.BlobNameFor(letterId, version))
                .DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = blobETag }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { }
    }

    /// <summary>Every stored version of a letter, oldest first: number, when it was written, and who edited it (null: drafted).</summary>
    public async Task<IReadOnlyList<LetterVersionInfo>> ListVersionsAsync(string letterId, CancellationToken cancellationToken = default)
    {
        var list = new List<LetterVersionInfo>();
        if (!Keys.IsValidTableKey(letterId)) return list;
        if (await DraftRowAsync(letterId, cancellationToken) is { } draft) list.Add(new LetterVersionInfo(1, draft.CreatedAt, null));
        await foreach (var b in Container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, $"{letterId}/v", cancellationToken))
        {
            var file = b.Name[(letterId.Length + 2)..];
            if (!file.EndsWith(".html", StringComparison.Ordinal) || !int.TryParse(file[..^5], out var n) || list.Any(v => v.Version == n)) continue;
            var by = b.Metadata.TryGetValue("editedby", out var e) ? Uri.UnescapeDataString(e) : null;
            list.Add(new LetterVersionInfo(n, b.Properties.LastModified ?? default, by));
        }
        return list.OrderBy(v => v.Version).ToList();
    }

    /// <summary>Stores a file that belongs to the letter (e.g. a portal or fax confirmation) as <c>letters/{id}/{name}</c>.</summary>
    public async Task<string> WriteAttachmentAsync(string letterId, string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var blobName = $"{letterId}/{name}";
        await Container.GetBlobClient(blobName).UploadAsync(content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return blobName;
    }

    public async Task<string?> ReadVersionAsync(string letterId, int version, CancellationToken cancellationToken = default)
    {
        if (version == 1 && Keys.IsValidTableKey(letterId) && await DraftRowAsync(letterId, cancellationToken) is { } draft) return draft.Html;
        try
        {
            var r = await Container.GetBlobClient(LetterEntity.BlobNameFor(letterId, version)).DownloadContentAsync(cancellationToken);
            return Encoding.UTF8.GetString(r.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
