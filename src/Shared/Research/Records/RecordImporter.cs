using System.Text;
using System.Text.Json;
using DenialPipeline.Denials;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Reads a records file of any supported format — told apart by its content, not its name — and hands what it holds to
/// the <see cref="RecordStore"/>. Imports are idempotent: the same file twice upserts the same keys.
/// </summary>
public sealed class RecordImporter(RecordStore store)
{
    public const string UnrecognisedMessage =
        "Unrecognised records file: expected an X12 837, 277CA or 999, a FHIR R4 bundle, payers/providers (CSV or JSON with payer_id or npi columns), contract rates (CSV or JSON with payer_id, procedure, rate), a submission-proof CSV (claim_id, accepted_date), an ABN log (CSV or JSON with procedure_codes, signed_date and abn_id or option) or CSV report mappings (JSON with csvMappings).";

    /// <summary>Reads a records file of any supported format (detected from its content) and stores what it holds.</summary>
    public async Task<RecordImportReport> ImportAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        var trimmed = text.TrimStart();
        var head = trimmed.AsSpan(0, Math.Min(trimmed.Length, 600));
        var x12 = trimmed.StartsWith("ISA", StringComparison.Ordinal) || trimmed.StartsWith("ST", StringComparison.Ordinal);
        RecordFileRead read;
        if (x12 && head.Contains("277", StringComparison.Ordinal) && trimmed.Contains("STC", StringComparison.Ordinal))
            read = await Read277Async(content, cancellationToken);
        else if (x12 && head.Contains("999", StringComparison.Ordinal) && trimmed.Contains("IK5", StringComparison.Ordinal))
            read = await Read999Async(content, cancellationToken);
        else if (x12)
            read = Read837(content);
        else if (trimmed.StartsWith('{') && trimmed.Contains("\"resourceType\"", StringComparison.Ordinal))
            read = ReadFhir(text);
        else
            read = ReadTabular(text, trimmed);

        // Lookup rows (a Patient's identifiers, name and birth date) are stored with the records but not counted as records.
        await store.UpsertAsync(read.Entities, cancellationToken);
        var stored = read.Entities.Where(e => e.PartitionKey != RecordStore.PatientIndexKind).GroupBy(e => e.PartitionKey).ToDictionary(g => g.Key, g => g.Count());
        return new RecordImportReport(fileName, read.Format, stored, read.Rejections);
    }

    private async Task<RecordFileRead> Read277Async(byte[] content, CancellationToken ct)
    {
        using var stream = new MemoryStream(content);
        var r = Acknowledgment277Reader.Read(stream);
        var entities = r.Records.Select(RecordStore.ToEntity).ToList();
        // REF*1K names the payer's claim number: put it on the submitted claim (if imported) so CLP07 matches it.
        foreach (var proof in r.Records.Where(p => p.PayerClaimNumber is { Length: > 0 }))
        {
            if (await store.SubmittedClaimAsync(proof.ClaimId, ct) is not { } known
                || string.Equals(known.Claim.PayerClaimNumber, proof.PayerClaimNumber, StringComparison.Ordinal)) continue;
            var entity = RecordStore.ToEntity(known.Claim with { PayerClaimNumber = proof.PayerClaimNumber });
            entity.Batch = known.Batch; // keep what a 999 is matched on
            entities.Add(entity);
        }
        return new RecordFileRead("X12 277CA", entities, [.. r.Rejections]);
    }

    private async Task<RecordFileRead> Read999Async(byte[] content, CancellationToken ct)
    {
        using var stream = new MemoryStream(content);
        var entities = new List<RecordEntity>();
        var rejections = new List<ImportRejection>();
        foreach (var ack in Acknowledgment999Reader.Read(stream))
        {
            if (!ack.Accepted)
            {
                rejections.Add(new ImportRejection(ack.SegmentIndex, $"837 group {ack.GroupControlNumber} transaction {ack.TransactionControlNumber} was not accepted (IK5 {ack.Code}): no proof of submission for its claims"));
                continue;
            }
            var claims = await store.SubmittedClaimsInBatchAsync(ack.Batch, ct);
            if (claims.Count == 0)
                rejections.Add(new ImportRejection(ack.SegmentIndex, $"837 group {ack.GroupControlNumber} transaction {ack.TransactionControlNumber}: no imported claims came in it (import the 837 first)"));
            entities.AddRange(claims.Select(c => RecordStore.ToEntity(new SubmissionProof
            {
                ClaimId = c.ClaimId, AcceptedDate = ack.Date, Source = ProofSource.Ack999, Reference = $"999 for 837 {ack.Batch}", PayerId = c.PayerId,
            })));
        }
        return new RecordFileRead("X12 999", entities, rejections);
    }

    private static RecordFileRead Read837(byte[] content)
    {
        using var stream = new MemoryStream(content);
        var file = Claim837Reader.Read(stream);
        var entities = new List<RecordEntity>();
        var rejections = new List<ImportRejection>();
        foreach (var c in file.Claims)
        {
            if (SubmittedClaimMapper.TryMap(c, out var claim, out var why))
            {
                var entity = RecordStore.ToEntity(claim!);
                entity.Batch = $"{c.GroupControlNumber}/{c.TransactionControlNumber}";
                entities.Add(entity);
            }
            else rejections.Add(new ImportRejection((int)c.Position.SegmentIndex, why!, c.ClaimId));
        }
        rejections.AddRange(file.Issues.Where(i => i.Severity == X12IssueSeverity.Error)
            .Select(i => new ImportRejection((int)i.Position.SegmentIndex, $"segment {i.Position.SegmentIndex}: {i.Message}")));
        return new RecordFileRead("X12 837", entities, rejections);
    }

    private static RecordFileRead ReadFhir(string text)
    {
        const string format = "FHIR R4 bundle";
        FhirImportResult r;
        try { r = FhirBundleImporter.Import(text); }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return new RecordFileRead(format, [], [new ImportRejection(0, $"not a readable FHIR bundle: {ex.GetType().Name}")]);
        }
        var entities = new List<RecordEntity>();
        entities.AddRange(r.Patients.Select(RecordStore.ToEntity));
        entities.AddRange(r.Patients.SelectMany(RecordStore.PatientIndexRows));
        entities.AddRange(r.Coverages.Select(RecordStore.ToEntity));
        entities.AddRange(r.Authorizations.Select(RecordStore.ToEntity));
        entities.AddRange(r.Encounters.Select(RecordStore.ToEntity));
        entities.AddRange(r.Providers.Select(RecordStore.ToEntity));
        entities.AddRange(r.Claims.Select(RecordStore.ToEntity));
        return new RecordFileRead(format, entities, [.. r.Rejections]);
    }

    /// <summary>CSV or JSON profiles, rates, proofs and mappings, told apart by their column names.</summary>
    private static RecordFileRead ReadTabular(string text, string trimmed)
    {
        var json = trimmed.StartsWith('[') || trimmed.StartsWith('{');
        var kind = DetectKind(text);
        if (kind == RecordFileKind.CsvMappings)
        {
            // Before the other JSON kinds: a mapping names columns such as payerId and procedureCode.
            var r = CsvMappingJson.Parse(text);
            return new RecordFileRead("CSV report mappings JSON", [.. r.Mappings.Select(RecordStore.ToEntity)],
                [.. r.Problems.Select(p => new ImportRejection(p.Index, p.ToString(), p.Mapping))]);
        }
        if (kind == RecordFileKind.ContractRates)
            return Of(json ? "contract rates JSON" : "contract rates CSV",
                json ? ContractRateImporter.FromJson(text) : ContractRateImporter.FromCsv(new StringReader(text)), RecordStore.ToEntity);
        if (kind == RecordFileKind.AdvanceNotices)
            return Of(json ? "ABN log JSON" : "ABN log CSV",
                json ? AdvanceNoticeImporter.FromJson(text) : AdvanceNoticeImporter.FromCsv(new StringReader(text)), RecordStore.ToEntity);
        if (kind == RecordFileKind.SubmissionProof)
            return Of("submission proof CSV", SubmissionProofImporter.FromCsv(new StringReader(text)), RecordStore.ToEntity);
        if (kind == RecordFileKind.Providers)
            return Of(json ? "providers JSON" : "providers CSV",
                json ? ProviderProfileImporter.FromJson(text) : ProviderProfileImporter.FromCsv(new StringReader(text)), RecordStore.ToEntity);
        if (kind == RecordFileKind.Payers)
            return Of(json ? "payers JSON" : "payers CSV",
                json ? PayerProfileImporter.FromJson(text) : PayerProfileImporter.FromCsv(new StringReader(text)), RecordStore.ToEntity);
        return new RecordFileRead("unknown", [], [new ImportRejection(1, UnrecognisedMessage)]);
    }

    /// <summary>
    /// What a records file is, from its content (the one detection <see cref="ImportAsync"/> and the API's Admin-only
    /// import rule both use, so they cannot disagree). Payer identities are stored by <c>RecordsImport</c>, not here.
    /// </summary>
    public static RecordFileKind DetectKind(string text)
    {
        var trimmed = text.TrimStart('\uFEFF').TrimStart();
        if (trimmed.StartsWith("ISA", StringComparison.Ordinal) || trimmed.StartsWith("ST", StringComparison.Ordinal)) return RecordFileKind.X12;
        if (trimmed.StartsWith('{') && trimmed.Contains("\"resourceType\"", StringComparison.Ordinal)) return RecordFileKind.Fhir;
        var json = trimmed.StartsWith('[') || trimmed.StartsWith('{');
        var h = ImporterText.Normalize(json ? trimmed[..Math.Min(400, trimmed.Length)] : trimmed.Split('\n', 2)[0]);
        if (json && CsvMappingJson.LooksLikeMappings(trimmed)) return RecordFileKind.CsvMappings;
        if (h.Contains("objectid") && h.Contains("payer")) return RecordFileKind.PayerIdentities;
        if (AdvanceNoticeImporter.LooksLikeLog(h)) return RecordFileKind.AdvanceNotices;
        if (h.Contains("procedure") && h.Contains("rate")) return RecordFileKind.ContractRates;
        if (h.Contains("claimid") && h.Contains("accepted")) return RecordFileKind.SubmissionProof;
        if (h.Contains("npi")) return RecordFileKind.Providers;
        if (h.Contains("payerid") || h.Contains("appealwindow")) return RecordFileKind.Payers;
        return RecordFileKind.Unknown;
    }

    private static RecordFileRead Of<T>(string format, ImportResult<T> result, Func<T, RecordEntity> toEntity) =>
        new(format, [.. result.Records.Select(toEntity)], [.. result.Rejections]);
}
