using Azure.Data.Tables;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

// One patient across sources: the 837's member id, the FHIR Patient with all its identifiers, its name and birth date,
// and every Coverage whose beneficiary it is (whatever subscriber id that coverage carries).
public sealed partial class RecordStore
{
    /// <summary>
    /// Lookup rows for Patient records: RowKey = a hash of one identifier (or of name + birth date), '|', the patient's
    /// key; PatientId names the patient. Hashes, because identifiers, names and birth dates are PHI and keys are logged.
    /// </summary>
    public const string PatientIndexKind = "PatientIndex";

    /// <summary>The lookup rows of a Patient: one per distinct identifier value, one for its name and birth date when both are known.</summary>
    public static IEnumerable<RecordEntity> PatientIndexRows(PatientRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var prefixes = p.Identifiers.Select(i => IdentifierPrefix(i.Value))
            .Concat(p.Identity.MemberId is { Length: > 0 } m ? [IdentifierPrefix(m)] : []).ToList();
        if (NameAndBirthDatePrefix(p.Identity) is { } nb) prefixes.Add(nb);
        return prefixes.Distinct(StringComparer.Ordinal)
            .Select(prefix => new RecordEntity { PartitionKey = PatientIndexKind, RowKey = prefix + p.Key, PatientId = p.Id, Json = "{}" })
            .Where(e => Keys.IsValidTableKey(e.RowKey));
    }

    private static string IdentifierPrefix(string value) => Keys.Hash("i", PatientIdentifier.Normalize(value)) + "|";

    private static string? NameAndBirthDatePrefix(PersonIdentity who) =>
        who is { LastName: { Length: > 0 } last, FirstName: { Length: > 0 } first, BirthDate: { } born }
            ? Keys.Hash("n", last.Trim().ToUpperInvariant(), first.Trim().ToUpperInvariant(), born.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) + "|"
            : null;

    /// <summary>
    /// Ties the denial to a Patient (<see cref="PatientLinker"/>) and gathers coverages, authorizations, encounters and ABNs filed
    /// under the claim's member ids and under that Patient. An ambiguous link adds nothing through a Patient.
    /// </summary>
    private async Task<(PatientLink Link, List<Coverage> Coverages, List<Authorization> Authorizations, List<EncounterRecord> Encounters, List<AdvanceNotice> Notices)> PatientRecordsAsync(
        ClaimPayment claim, SubmittedClaim? submitted, IReadOnlySet<string> present, CancellationToken ct)
    {
        var members = new[] { claim.Insured?.Id, claim.Patient?.Id, claim.CorrectedInsured?.Id, submitted?.Subscriber?.MemberId, submitted?.Patient.MemberId }
            .Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var coverages = new List<Coverage>();
        var auths = new List<Authorization>();
        var encounters = new List<EncounterRecord>();
        var notices = new List<AdvanceNotice>();
        foreach (var member in members)
        {
            if (present.Contains(Coverage.Kind)) coverages.AddRange(await ByColumnAsync<Coverage>(Coverage.Kind, byPatient: false, member, ct));
            if (present.Contains(Authorization.Kind)) auths.AddRange(await ByColumnAsync<Authorization>(Authorization.Kind, byPatient: false, member, ct));
            if (present.Contains(EncounterRecord.Kind)) encounters.AddRange(await ByColumnAsync<EncounterRecord>(EncounterRecord.Kind, byPatient: false, member, ct));
            if (present.Contains(AdvanceNotice.Kind)) notices.AddRange(await ByColumnAsync<AdvanceNotice>(AdvanceNotice.Kind, byPatient: false, member, ct));
        }

        var link = await LinkPatientAsync(submitted, members, coverages, present, ct);
        foreach (var patientId in link.PatientIds)
        {
            if (present.Contains(Coverage.Kind)) coverages.AddRange(await ByColumnAsync<Coverage>(Coverage.Kind, byPatient: true, patientId, ct));
            if (present.Contains(Authorization.Kind)) auths.AddRange(await ByColumnAsync<Authorization>(Authorization.Kind, byPatient: true, patientId, ct));
            if (present.Contains(EncounterRecord.Kind)) encounters.AddRange(await ByColumnAsync<EncounterRecord>(EncounterRecord.Kind, byPatient: true, patientId, ct));
            if (present.Contains(AdvanceNotice.Kind)) notices.AddRange(await ByColumnAsync<AdvanceNotice>(AdvanceNotice.Kind, byPatient: true, patientId, ct));
        }
        if (link.Method == PatientLinkMethod.Ambiguous)
        {
            // A coverage filed under the claim's own member id but belonging to one of the candidates is no safer than the rest.
            coverages.RemoveAll(c => c.PatientId is { } p && link.Candidates.Contains(p, StringComparer.Ordinal));
            auths.RemoveAll(a => a.PatientId is { } p && link.Candidates.Contains(p, StringComparer.Ordinal));
            encounters.RemoveAll(e => e.PatientId is { } p && link.Candidates.Contains(p, StringComparer.Ordinal));
            notices.RemoveAll(n => n.PatientId is { } p && link.Candidates.Contains(p, StringComparer.Ordinal));
        }
        return (link, coverages.DistinctBy(c => c.Key).ToList(), auths.DistinctBy(a => a.Key).ToList(), encounters.DistinctBy(e => e.Key).ToList(),
            notices.DistinctBy(n => n.Key).ToList());
    }

    private async Task<PatientLink> LinkPatientAsync(SubmittedClaim? submitted, IReadOnlyList<string> members, IReadOnlyList<Coverage> memberCoverages,
        IReadOnlySet<string> present, CancellationToken ct)
    {
        if (submitted?.PatientId is { Length: > 0 } named) return PatientLinker.Link(named, [], [], false);
        var hits = new List<PatientIdHit>();
        if (present.Contains(PatientIndexKind))
            foreach (var member in members)
                hits.AddRange((await IndexedPatientsAsync(IdentifierPrefix(member), ct)).Select(p => new PatientIdHit(p, "an identifier")));
        hits.AddRange(memberCoverages.Where(c => c.PatientId is { Length: > 0 }).Select(c => new PatientIdHit(c.PatientId!, "the subscriber id of a Coverage")));

        var identity = submitted?.Patient;
        var nameAndBirth = identity is null ? null : NameAndBirthDatePrefix(identity);
        var byName = hits.Count == 0 && nameAndBirth is not null && present.Contains(PatientIndexKind) ? await IndexedPatientsAsync(nameAndBirth, ct) : [];
        return PatientLinker.Link(null, hits, byName, nameAndBirth is not null);
    }

    /// <summary>The profiles of the payers the coverages name, other than <paramref name="thisPayer"/> (cached like every profile).</summary>
    private async Task<List<PayerProfile>> CoveragePayersAsync(IEnumerable<Coverage> coverages, string? thisPayer, CancellationToken ct)
    {
        var profiles = new List<PayerProfile>();
        foreach (var id in coverages.Select(c => c.PayerId).Where(id => id.Length > 0 && !string.Equals(id, thisPayer, StringComparison.OrdinalIgnoreCase))
                     .Distinct(StringComparer.OrdinalIgnoreCase))
            if (await GetProfileAsync<PayerProfile>(PayerProfile.Kind, RecordKeys.Of(id), ct) is { } p) profiles.Add(p);
        return profiles;
    }

    /// <summary>The patient ids under one index prefix (a RowKey range within the index partition).</summary>
    private async Task<List<string>> IndexedPatientsAsync(string prefix, CancellationToken ct)
    {
        var ids = new List<string>();
        if (!Keys.IsValidTableKey(prefix)) return ids;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PatientIndexKind} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        await foreach (var e in Table.QueryAsync<RecordEntity>(filter, maxPerPage: 50, select: ["PatientId"], cancellationToken: ct))
            if (e.PatientId is { Length: > 0 } id) ids.Add(id);
        return ids;
    }

    /// <summary>Records of a kind filed under a member id, or under a Patient record id.</summary>
    private Task<List<T>> ByColumnAsync<T>(string kind, bool byPatient, string value, CancellationToken ct) => byPatient
        ? QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {kind} and PatientId eq {value}"), ct)
        : QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {kind} and MemberId eq {value}"), ct);
}
