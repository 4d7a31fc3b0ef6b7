using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Research.Records;

/// <summary>Imports a records file, records who imported it, then researches the Unmatched cases again: the new records may be what they lacked.</summary>
public sealed class RecordsImport(RecordImporter importer, CaseStore cases, PipelineQueues queues, TableServiceClient tables, TimeProvider time,
    Identities.PayerIdentityStore identities)
{
    /// <summary>
    /// 50 MB: the largest records file imported. An 837, a 277CA/999, a FHIR bundle or a CSV of records is parsed whole
    /// (a bundle's entries reference each other anywhere in it; the importers take the file's bytes), so memory grows
    /// with the file and the size is capped at every entry point (API, <c>import</c>, this method).
    /// </summary>
    public const long MaxBytes = 50 * 1024 * 1024;

    /// <summary>Null when a file of <paramref name="size"/> bytes may be imported; otherwise the error a user reads (what, its size, the limit, what to do).</summary>
    public static string? TooLarge(string fileName, long size) => size <= MaxBytes ? null :
        $"{Path.GetFileName(fileName)} is {size:N0} bytes, above the limit of {MaxBytes:N0} bytes (50 MB) for a records file " +
        "(837, 277CA/999, FHIR bundle or CSV: each is read whole); it was not imported. Split it — an 837 by transaction, a FHIR export " +
        "by patient or page (Bundle.link next) — and import the parts.";

    /// <param name="actor">Who imports: <c>user:&lt;name&gt;</c> (with <paramref name="role"/>) through the API, <c>system:…</c> otherwise.</param>
    public async Task<(RecordImportReport Report, int Requeued, RecordImportEntity Import)> ImportAsync(
        string fileName, byte[] content, string actor = "system:import", string? role = null, string? actorId = null,
        CancellationToken cancellationToken = default)
    {
        if (TooLarge(fileName, content.Length) is { } tooLarge) throw new ArgumentException(tooLarge, nameof(content));
        var text = System.Text.Encoding.UTF8.GetString(content);
        var report = RecordImporter.DetectKind(text) == RecordFileKind.PayerIdentities
            ? await ImportIdentitiesAsync(fileName, text, actor, actorId, cancellationToken)
            : await importer.ImportAsync(fileName, content, cancellationToken);
        var requeued = 0;
        // New records may be what an Unmatched case lacked; a CSV report mapping is not a record research reads.
        if (report.Stored.Any(kv => kv.Key is not (RecordStore.CsvMappingKind or IdentityKind) && kv.Value > 0))
        {
            var unmatched = (await cases.ListAsync(CaseStatus.Unmatched, cancellationToken)).Select(c => c.CaseId).ToList();
            await queues.SendResearchAsync(unmatched, CaseBatch.DefaultSize, cancellationToken);
            requeued = unmatched.Count;
        }
        var now = time.GetUtcNow();
        var import = new RecordImportEntity
        {
            ImportId = RecordImportEntity.NewId(now),
            File = fileName.Length > 200 ? fileName[..200] : fileName,
            Format = report.Format,
            Total = report.Total,
            Rejected = report.Rejections.Count,
            UnmatchedRequeued = requeued,
            ImportedAt = now,
            ImportedBy = actor,
            ImportedByRole = role,
            ImportedById = actorId,
        };
        await tables.GetTableClient(StorageNames.Tables.Records).AddEntityAsync(import, cancellationToken);
        return (report, requeued, import);
    }

    /// <summary>The count key of stored payer identities in a report.</summary>
    public const string IdentityKind = "PayerIdentity";

    /// <summary>Payer identities go to their own table (PayerIdentities), each marked with who imported it.</summary>
    private async Task<RecordImportReport> ImportIdentitiesAsync(string fileName, string text, string actor, string? actorId, CancellationToken ct)
    {
        var trimmed = text.TrimStart('\uFEFF').TrimStart();
        var json = trimmed.StartsWith('[') || trimmed.StartsWith('{');
        var r = json ? PayerIdentityImporter.FromJson(trimmed) : PayerIdentityImporter.FromCsv(new StringReader(trimmed));
        var now = time.GetUtcNow();
        foreach (var identity in r.Records)
            await identities.UpsertAsync(identity with { UpdatedBy = actor, UpdatedById = actorId, UpdatedAt = now }, ct);
        return new RecordImportReport(fileName, json ? "payer identities JSON" : "payer identities CSV",
            r.Records.Count > 0 ? new Dictionary<string, int> { [IdentityKind] = r.Records.Count } : new Dictionary<string, int>(), r.Rejections);
    }
}
