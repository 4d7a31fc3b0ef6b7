using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Denials;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>
/// The records research matches denials against (Records table): persistence and the snapshot research reads. Reading
/// files is <see cref="RecordImporter"/>'s. Writes are upserts, batched: up to 100 entities of one kind per transaction.
/// </summary>
public sealed partial class RecordStore(TableServiceClient tables)
{
    /// <summary>The catalog row (PartitionKey "catalog", RowKey "kinds"): which kinds of record have ever been imported.</summary>
    public const string CatalogPartition = "catalog", CatalogRow = "kinds";

    private TableClient Table => tables.GetTableClient(StorageNames.Tables.Records);

    /// <summary>
    /// How long a payer or provider profile read (or its absence) is reused by this process. Every denial of a payer
    /// reads the same two profiles; an import through this process clears them at once, one through another instance
    /// is seen within this time.
    /// </summary>
    public static readonly TimeSpan ProfileCacheTime = TimeSpan.FromSeconds(60);

    // Shared by research messages that arrive together: one request, not one each (issue #22).
    private readonly SharedReads<object?> _profiles = new(ProfileCacheTime);

    // Kinds seen in the catalog. Records are never deleted, so a kind once present stays present: only absence is re-read.
    private readonly HashSet<string> _kindsPresent = [];
    private long _kindsRecheckAt;
    private readonly SharedReads<string[]> _catalog = new(TimeSpan.Zero); // one read in flight for every caller that needs it

    /// <summary>
    /// How long an absent kind stays absent for this process before the catalog is read again. An import through this
    /// process adds its kinds at once; a first import of a kind through another instance is seen within this time (the
    /// same window as research running while that import is still writing).
    /// </summary>
    public static readonly TimeSpan KindsRecheckTime = TimeSpan.FromSeconds(10);

    /// <summary>A submitted claim by its id, with the 837 batch it came in (what a 999 is matched on); null when not imported.</summary>
    public async Task<(SubmittedClaim Claim, string? Batch)?> SubmittedClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        var key = RecordKeys.Of(claimId);
        if (!Keys.IsValidTableKey(key)) return null;
        var row = await Table.GetEntityIfExistsAsync<RecordEntity>(SubmittedClaim.Kind, key, cancellationToken: cancellationToken);
        return row.HasValue && JsonSerializer.Deserialize<SubmittedClaim>(row.Value!.Json, MessageJson.Options) is { } claim
            ? (claim, row.Value.Batch) : null;
    }

    /// <summary>The submitted claims that came in one 837 batch ("group/transaction" control numbers).</summary>
    public Task<List<SubmittedClaim>> SubmittedClaimsInBatchAsync(string batch, CancellationToken cancellationToken = default) =>
        QueryAsync<SubmittedClaim>(TableClient.CreateQueryFilter($"PartitionKey eq {SubmittedClaim.Kind} and Batch eq {batch}"), cancellationToken);

    /// <summary>Upserts entities, batched per kind in transactions of at most 100.</summary>
    public async Task UpsertAsync(IEnumerable<RecordEntity> entities, CancellationToken cancellationToken = default)
    {
        foreach (var kind in entities.GroupBy(e => e.PartitionKey))
        {
            // The same key twice in one file: the last one wins (a transaction may not touch a row twice).
            var unique = kind.GroupBy(e => e.RowKey).Select(g => g.Last()).ToList();
            foreach (var chunk in unique.Chunk(100))
                await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            await AddKindAsync(kind.Key, cancellationToken);
            if (kind.Key is PayerProfile.Kind or ProviderProfile.Kind) _profiles.Clear();
            if (kind.Key == CsvMappingKind) _csvMappings = null;
        }
    }

    /// <summary>Records the kind in the catalog (ETag-checked read-modify-write: concurrent imports both land).</summary>
    private async Task AddKindAsync(string kind, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var r = await Table.GetEntityIfExistsAsync<TableEntity>(CatalogPartition, CatalogRow, cancellationToken: ct);
            // No catalog yet (records imported before it existed): start it from what the table holds.
            var kinds = r.HasValue ? (r.Value!.GetString("Kinds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() : [.. await ProbeKindsAsync(AllKinds, ct)];
            lock (_kindsPresent) _kindsPresent.Add(kind);
            if (kinds.Contains(kind) && r.HasValue) return;
            if (!kinds.Contains(kind)) kinds.Add(kind);
            var row = new TableEntity(CatalogPartition, CatalogRow) { ["Kinds"] = string.Join(',', kinds) };
            try
            {
                if (r.HasValue) await Table.UpdateEntityAsync(row, r.Value!.ETag, TableUpdateMode.Replace, ct);
                else await Table.AddEntityAsync(row, ct);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5 * (attempt + 1)), ct);
            }
        }
    }

    private static readonly string[] AllKinds =
        [SubmittedClaim.Kind, Coverage.Kind, Authorization.Kind, AdvanceNotice.Kind, EncounterRecord.Kind, PatientRecord.Kind, PatientIndexKind, PayerProfile.Kind, ProviderProfile.Kind, SubmissionProof.Kind, ContractRate.Kind, CsvMappingKind];

    /// <summary>The partition of imported CSV report mappings (RowKey: the label, lower case; Json: <see cref="CsvMappingJson.ToJson"/>).</summary>
    public const string CsvMappingKind = "CsvMapping";

    // One reference, replaced whole: ingests running at once read it without a lock.
    private sealed record CachedMappings(IReadOnlyList<CsvDenialMapping> Mappings, long ExpiresAt);
    private volatile CachedMappings? _csvMappings;

    /// <summary>
    /// The CSV report mappings ingest chooses from: the imported ones (Records table, so every host and Azure see the
    /// same), then the shipped defaults they do not replace. Cached like the profiles (<see cref="ProfileCacheTime"/>);
    /// an import through this process is seen at once.
    /// </summary>
    public async Task<IReadOnlyList<CsvDenialMapping>> CsvMappingsAsync(CancellationToken cancellationToken = default)
    {
        if (_csvMappings is { } cached && cached.ExpiresAt > Environment.TickCount64) return cached.Mappings;
        var imported = new List<CsvDenialMapping>();
        await foreach (var e in Table.QueryAsync<RecordEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CsvMappingKind}"), maxPerPage: 200, cancellationToken: cancellationToken))
        {
            // Validated on import; a row this version cannot read (written by another version) is left out rather than guessed at.
            var set = CsvMappingJson.Parse(e.Json);
            if (set.Problems.Count == 0) imported.AddRange(set.Mappings);
        }
        var all = CsvMappingJson.WithDefaults(imported.OrderBy(m => m.Payer, StringComparer.OrdinalIgnoreCase));
        _csvMappings = new CachedMappings(all, Environment.TickCount64 + (long)ProfileCacheTime.TotalMilliseconds);
        return all;
    }

    private async Task<string[]> ProbeKindsAsync(IEnumerable<string> kinds, CancellationToken ct)
    {
        var found = new List<string>();
        foreach (var kind in kinds)
            await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind}"), maxPerPage: 1, select: ["RowKey"], cancellationToken: ct))
            {
                found.Add(kind);
                break;
            }
        return [.. found];
    }

    /// <summary>
    /// Which of <paramref name="wanted"/> have rows. Research asks before its member- and claim-keyed queries, which are
    /// not point reads: a kind never imported (no FHIR coverage, no proof file yet) costs one point read, not a query.
    /// </summary>
    public async Task<IReadOnlySet<string>> KindsPresentAsync(IReadOnlyCollection<string> wanted, CancellationToken ct = default)
    {
        lock (_kindsPresent)
            if (wanted.All(_kindsPresent.Contains) || Environment.TickCount64 < _kindsRecheckAt)
                return wanted.Where(_kindsPresent.Contains).ToHashSet();
        var kinds = await _catalog.GetAsync("", ReadCatalogAsync, ct);
        lock (_kindsPresent)
        {
            _kindsPresent.UnionWith(kinds);
            return wanted.Where(_kindsPresent.Contains).ToHashSet();
        }
    }

    // Shared by concurrent callers, so not cancelled by any one of them: it is bounded by the client's retry policy.
    private async Task<string[]> ReadCatalogAsync()
    {
        var r = await Table.GetEntityIfExistsAsync<TableEntity>(CatalogPartition, CatalogRow, cancellationToken: CancellationToken.None);
        var kinds = r.HasValue ? (r.Value!.GetString("Kinds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries) : await ProbeKindsAsync(AllKinds, CancellationToken.None);
        lock (_kindsPresent) _kindsRecheckAt = Environment.TickCount64 + (long)KindsRecheckTime.TotalMilliseconds;
        return kinds;
    }

    private async Task<T?> GetAsync<T>(string kind, string key, CancellationToken ct) where T : class
    {
        if (!Keys.IsValidTableKey(key)) return null;
        var r = await Table.GetEntityIfExistsAsync<RecordEntity>(kind, key, cancellationToken: ct);
        return r.HasValue ? JsonSerializer.Deserialize<T>(r.Value!.Json, MessageJson.Options) : null;
    }

    private async Task<T?> GetProfileAsync<T>(string kind, string key, CancellationToken ct) where T : class =>
        (T?)await _profiles.GetAsync(kind + "\u001f" + key, async () => await GetAsync<T>(kind, key, CancellationToken.None), ct);

    private async Task<List<T>> QueryAsync<T>(string filter, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var e in Table.QueryAsync<RecordEntity>(filter, maxPerPage: 200, cancellationToken: ct))
            if (JsonSerializer.Deserialize<T>(e.Json, MessageJson.Options) is { } r) list.Add(r);
        return list;
    }

    /// <summary>Everything found for one denied claim, and how (or why not) the submitted claim was matched; earlier payments
    /// (a read per member and month) only when <paramref name="earlierPayments"/>: the duplicate rule alone reads them.</summary>
    public async Task<(RecordsSnapshot Snapshot, ClaimMatch Match)> SnapshotAsync(RemittanceTransaction tx, ClaimPayment claim, bool earlierPayments = true, CancellationToken cancellationToken = default)
    {
        var candidates = await SubmittedCandidatesAsync(claim, cancellationToken);
        var match = ClaimMatcher.Match(claim, candidates, tx.Payer.Id);
        var submitted = (match as ClaimMatched)?.Claim;

        // 2. What surrounds it: coverage, authorizations, encounters, payer, provider, submission proof.
        var present = await KindsPresentAsync([Coverage.Kind, Authorization.Kind, AdvanceNotice.Kind, EncounterRecord.Kind, SubmissionProof.Kind, PaidService.Kind, ContractRate.Kind, PatientIndexKind], cancellationToken);
        var (link, coverages, auths, encounters, notices) = await PatientRecordsAsync(claim, submitted, present, cancellationToken);
        if (submitted?.PriorAuthorizationNumber is { Length: > 0 } authNumber
            && await GetAsync<Authorization>(Authorization.Kind, RecordKeys.Of(tx.Payer.Id ?? submitted.PayerId, authNumber), cancellationToken) is { } onFile
            && auths.All(a => a.Key != onFile.Key))
            auths.Add(onFile);
        var payer = tx.Payer.Id is { Length: > 0 } pid ? await GetProfileAsync<PayerProfile>(PayerProfile.Kind, RecordKeys.Of(pid), cancellationToken) : null;
        var otherPayers = await CoveragePayersAsync(coverages, tx.Payer.Id, cancellationToken);
        var npi = submitted?.RenderingNpi ?? claim.RenderingProvider?.Id ?? submitted?.BillingNpi ?? tx.Payee.Id;
        var provider = npi is { Length: > 0 } ? await GetProfileAsync<ProviderProfile>(ProviderProfile.Kind, RecordKeys.Of(npi), cancellationToken) : null;
        var billingNpi = tx.Payee.IdQualifier == "XX" ? tx.Payee.Id : submitted?.BillingNpi;
        var billing = billingNpi is { Length: > 0 } && billingNpi != npi ? await GetProfileAsync<ProviderProfile>(ProviderProfile.Kind, RecordKeys.Of(billingNpi), cancellationToken) : null;
        var proofs = present.Contains(SubmissionProof.Kind) ? await SubmissionProofsAsync(submitted?.ClaimId ?? claim.PatientControlNumber, cancellationToken) : [];

        var (paid, paidChecked) = earlierPayments ? await EarlierPaymentsAsync(tx, claim, submitted, present.Contains(PaidService.Kind), cancellationToken) : ([], false);
        var rates = present.Contains(ContractRate.Kind) ? await ContractRatesAsync(tx, claim, submitted, cancellationToken) : [];

        return (new RecordsSnapshot
        {
            Claim = submitted,
            PatientLink = link,
            Coverages = coverages,
            Authorizations = auths,
            AdvanceNotices = notices,
            AdvanceNoticesChecked = present.Contains(AdvanceNotice.Kind),
            Encounters = encounters,
            Payer = payer,
            OtherPayerProfiles = otherPayers,
            Provider = provider,
            BillingProvider = billing,
            SubmissionProofs = proofs,
            EarlierPaidServices = paid,
            EarlierPaymentsChecked = paidChecked,
            ContractRates = rates,
        }, match);
    }

    /// <summary>The claim as submitted: by patient control number (CLM01), else by payer claim number (also REF*F8) or member.</summary>
    private async Task<List<SubmittedClaim>> SubmittedCandidatesAsync(ClaimPayment claim, CancellationToken cancellationToken)
    {
        if (await GetAsync<SubmittedClaim>(SubmittedClaim.Kind, RecordKeys.Of(claim.PatientControlNumber), cancellationToken) is { } direct)
            return [direct];
        var member = claim.Insured?.Id ?? claim.Patient?.Id;
        var filters = new List<string>();
        if (claim.PayerClaimControlNumber is { Length: > 0 } icn)
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {SubmittedClaim.Kind} and PayerClaimNumber eq {icn}"));
        if (claim.References.TryGetValue("F8", out var original) && original.Length > 0)
        {
            // The matcher compares REF*F8 with the submitted claim's original reference or its payer claim number.
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {SubmittedClaim.Kind} and OriginalReference eq {original}"));
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {SubmittedClaim.Kind} and PayerClaimNumber eq {original}"));
        }
        if (member is { Length: > 0 })
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {SubmittedClaim.Kind} and MemberId eq {member}"));
        var candidates = new List<SubmittedClaim>();
        foreach (var f in filters) candidates.AddRange(await QueryAsync<SubmittedClaim>(f, cancellationToken));
        return candidates.DistinctBy(c => c.Key).ToList();
    }

    /// <summary>Proof keys start with the claim's key: a RowKey range within the proof partition (not a partition scan).</summary>
    private async Task<List<SubmissionProof>> SubmissionProofsAsync(string claimId, CancellationToken cancellationToken)
    {
        var proofPrefix = RecordKeys.Of(claimId) + "|";
        if (!Keys.IsValidTableKey(proofPrefix)) return [];
        return await QueryAsync<SubmissionProof>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubmissionProof.Kind} and RowKey ge {proofPrefix} and RowKey lt {proofPrefix[..^1] + "}"}"), cancellationToken);
    }

    /// <summary>
    /// Paid service lines of this payer for this patient (any member id the remittance or the submitted claim names) on the
    /// claim's dates of service, not reversed and not from another provider. Checked = a patient, a payer and a date were known
    /// to look under (when no payment was ever recorded, the answer "none" needs no query).
    /// </summary>
    private async Task<(List<PaidService> Paid, bool Checked)> EarlierPaymentsAsync(RemittanceTransaction tx, ClaimPayment claim, SubmittedClaim? submitted, bool anyRecorded, CancellationToken ct)
    {
        var payer = DenialPipeline.Cases.Payers.Key(tx.Payer.Id, tx.Payer.Name);
        // Payments are recorded under the remittance's subscriber id, else the patient's (PaidServicesOf): look up the
        // same id of this remittance, the corrected one the payer sent, and the submitted claim's.
        var members = new[] { claim.Insured?.Id ?? claim.Patient?.Id, claim.CorrectedInsured?.Id, submitted?.Subscriber?.MemberId ?? submitted?.Patient.MemberId }
            .Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var dates = claim.Lines.SelectMany(l => new[] { l.ServiceDate, l.ServiceDateEnd })
            .Concat([claim.ServiceDateStart, claim.ServiceDateEnd])
            .Concat(submitted?.Lines.Select(l => (DateOnly?)l.ServiceDate) ?? [])
            .Concat([submitted?.ServiceDateStart])
            .OfType<DateOnly>().ToList();
        if (payer.Length == 0 || members.Count == 0 || dates.Count == 0) return ([], false);
        if (!anyRecorded) return ([], true);
        var partition = PaidService.PartitionFor(payer);
        var provider = claim.RenderingProvider?.Id ?? tx.Payee.Id;
        var found = new List<PaidService>();
        DateOnly first = dates.Min(), last = dates.Max();
        // One point read per member and month of service (a member's paid lines of a month are one row): a range
        // query would scan the payer's partition, which on the emulator means every row of the table.
        var months = new List<DateOnly>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last && months.Count < 24; m = m.AddMonths(1)) months.Add(m);
        foreach (var member in members)
            foreach (var month in months)
            {
                var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, PaidService.MonthRowKey(member, month), cancellationToken: ct);
                if (!row.HasValue) continue;
                foreach (var (name, value) in row.Value!)
                    if (name.StartsWith(PaidService.PropertyPrefix, StringComparison.Ordinal) && value is string json
                        && JsonSerializer.Deserialize<PaidService>(json, MessageJson.Options) is { } p
                        && p.ServiceDate >= first && p.ServiceDate <= last)
                        found.Add(p);
            }
        return (PaidService.StillPaid(found)
            .Where(p => provider is null || p.ProviderNpi is null || string.Equals(p.ProviderNpi, provider, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(p => p.RowKey)
            .ToList(), true);
    }

    /// <summary>The payer's contracted rates for the procedures of lines with a plain contractual adjustment (CO-45 and the like).</summary>
    private async Task<List<ContractRate>> ContractRatesAsync(RemittanceTransaction tx, ClaimPayment claim, SubmittedClaim? submitted, CancellationToken ct)
    {
        var procedures = claim.Lines.Where(l => l.Adjustments.Any(a => DenialRules.IsPlainContractual(a.Reason)))
            .Select(l => l.Procedure).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var payers = new[] { tx.Payer.Id, submitted?.PayerId }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var rates = new List<ContractRate>();
        foreach (var payer in payers)
            foreach (var procedure in procedures)
            {
                var prefix = ContractRate.Prefix(payer, procedure);
                if (!Keys.IsValidTableKey(prefix)) continue;
                rates.AddRange(await QueryAsync<ContractRate>(TableClient.CreateQueryFilter(
                    $"PartitionKey eq {ContractRate.Kind} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}"), ct));
            }
        return rates.DistinctBy(r => r.Key).ToList();
    }

    /// <summary>
    /// Records the paid service lines of one ingested file (every line with a payment; a reversal marks the same
    /// services reversed), so a later duplicate denial can be checked against them. Rows (payer × member × month) are
    /// written in transactions of up to 100 per payer partition; in a file, the later entry for the same service wins
    /// (a reversal, then a new payment). Lines without a member id or a date of service are not recorded.
    /// </summary>
    public async Task RecordPaidServicesAsync(IReadOnlyList<PaidService> services, CancellationToken cancellationToken = default)
    {
        // One row per payer, member and month of service, one property per service line and one per reversal (merged
        // in: no read needed, a re-drop overwrites the same property), so research finds them with point reads.
        var rows = services.Where(p => !string.IsNullOrWhiteSpace(p.MemberId) && !string.IsNullOrWhiteSpace(p.PayerId))
            .GroupBy(p => (Partition: PaidService.PartitionFor(p.PayerId!), Row: PaidService.MonthRowKey(p.MemberId!, p.ServiceDate)))
            .Select(g =>
            {
                var e = new TableEntity(g.Key.Partition, g.Key.Row);
                // In a file the later entry for a service wins (a payment then its reversal, or the reverse).
                foreach (var p in g.GroupBy(p => p.RowKey).Select(x => x.Last())) e[p.PropertyName] = JsonSerializer.Serialize(p, MessageJson.Options);
                return e;
            }).ToList();
        if (rows.Count == 0) return;
        foreach (var partition in rows.GroupBy(e => e.PartitionKey))
            foreach (var chunk in partition.Chunk(100))
                await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertMerge, e)), cancellationToken);
        bool known;
        lock (_kindsPresent) known = _kindsPresent.Contains(PaidService.Kind);
        if (!known) await AddKindAsync(PaidService.Kind, cancellationToken);
    }

    /// <summary>The paid service lines of one 835 claim as <see cref="RecordPaidServicesAsync"/> records them (none for a denial's unpaid lines).</summary>
    public static IEnumerable<PaidService> PaidServicesOf(RemittanceTransaction tx, ClaimPayment claim)
    {
        var payer = DenialPipeline.Cases.Payers.Key(tx.Payer.Id, tx.Payer.Name);
        var member = claim.Insured?.Id ?? claim.Patient?.Id;
        if (payer.Length == 0 || string.IsNullOrWhiteSpace(member)) yield break;
        foreach (var line in claim.Lines)
        {
            var date = line.ServiceDate ?? claim.ServiceDateStart;
            if (date is null || line.Procedure.Length == 0) continue;
            if (!claim.Reversal && line.Paid <= 0m) continue;
            yield return new PaidService
            {
                ClaimId = claim.PatientControlNumber,
                PayerClaimNumber = claim.PayerClaimControlNumber,
                PayerId = payer,
                MemberId = member.Trim(),
                ProviderNpi = claim.RenderingProvider?.Id ?? tx.Payee.Id,
                Procedure = line.Procedure,
                Modifiers = line.Modifiers,
                ServiceDate = date.Value,
                Paid = claim.Reversal ? 0m : line.Paid,
                PaidDate = tx.PaymentDate ?? tx.ProductionDate,
                Reversed = claim.Reversal,
            };
        }
    }
}
