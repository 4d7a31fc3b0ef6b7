using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirCoverage = Hl7.Fhir.Model.Coverage;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace DenialPipeline.Research.Records;

/// <summary>What a FHIR R4 bundle gave, by deterministic key, with the entries it could not use.</summary>
public sealed record FhirImportResult(
    IReadOnlyList<PatientRecord> Patients,
    IReadOnlyList<Coverage> Coverages,
    IReadOnlyList<Authorization> Authorizations,
    IReadOnlyList<EncounterRecord> Encounters,
    IReadOnlyList<ProviderProfile> Providers,
    IReadOnlyList<SubmittedClaim> Claims,
    IReadOnlyList<ImportRejection> Rejections);

/// <summary>
/// Reads a FHIR R4 Bundle (Firely SDK) into records: Patient, Coverage (top-level and those contained in
/// Claim/ExplanationOfBenefit) with period, order and payor, Claim (as a SubmittedClaim; insurance.preAuthRef
/// gives Authorizations), Encounter with the documentation that references it (Condition, Procedure,
/// Observation, DiagnosticReport, DocumentReference), Practitioner (as a ProviderProfile when its NPI is valid).
/// Rejections carry the 1-based bundle entry number.
/// </summary>
public static class FhirBundleImporter
{
    private const string NpiSystem = "http://hl7.org/fhir/sid/us-npi";

    public static FhirImportResult Import(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var deserializer = new FhirJsonDeserializer();
        Resource? resource;
        try
        {
            // Lenient: a bundle with unknown elements still gives what it can (TryDeserialize keeps the partial result).
            deserializer.TryDeserializeResource(json, out resource, out _);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or DeserializationFailedException or FormatException)
        {
            return Empty(new ImportRejection(0, "not a FHIR JSON resource"));
        }
        if (resource is not Bundle bundle) return Empty(new ImportRejection(0, $"expected a Bundle, found {resource?.TypeName ?? "nothing"}"));
        return Import(bundle);
    }

    public static FhirImportResult Import(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var rejected = new List<ImportRejection>();
        var byRef = new Dictionary<string, Resource>(StringComparer.Ordinal);
        // A transaction bundle's resources often have no id, only a fullUrl (urn:uuid:…) that the others point at: the
        // fullUrl's last part is then the resource's id, so Encounter.subject, Coverage.beneficiary and Claim.patient
        // meet the same Patient however they refer to it.
        var ids = new Dictionary<Resource, string>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var e = bundle.Entry[i];
            if (e.Resource is null) { rejected.Add(new(i + 1, "entry has no resource")); continue; }
            var id = !string.IsNullOrEmpty(e.Resource.Id) ? e.Resource.Id : LastPart(e.FullUrl);
            if (id is not null) ids[e.Resource] = id;
            if (!string.IsNullOrEmpty(e.FullUrl)) byRef[e.FullUrl] = e.Resource;
            if (id is not null) byRef[$"{e.Resource.TypeName}/{id}"] = e.Resource;
        }
        string? IdOf(Resource? r) => r is null ? null : ids.TryGetValue(r, out var id) ? id : r.Id;
        T? Resolve<T>(ResourceReference? reference) where T : Resource =>
            reference?.Reference is { } r && (byRef.TryGetValue(r, out var res) || (TypeAndId(r) is { } local && byRef.TryGetValue(local, out res))) ? res as T : null;
        string Canonical(string reference) =>
            (byRef.TryGetValue(reference, out var r) || (TypeAndId(reference) is { } local && byRef.TryGetValue(local, out r))) && IdOf(r) is { } id
                ? $"{r.TypeName}/{id}" : reference;

        // Documentation per encounter reference.
        var documents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var encounterDiagnoses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var encounterProcedures = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void AddDoc(ResourceReference? enc, string text)
        {
            if (enc?.Reference is not { } r) return;
            var key = Canonical(r);
            if (!documents.TryGetValue(key, out var list)) documents[key] = list = [];
            list.Add(text);
        }
        foreach (var e in bundle.Entry)
        {
            switch (e.Resource)
            {
                case Condition c:
                    AddDoc(c.Encounter, "Condition: " + Display(c.Code));
                    if (c.Encounter?.Reference is { } cr && FirstCode(c.Code) is { } dx) Add(encounterDiagnoses, Canonical(cr), dx);
                    break;
                case Procedure p:
                    AddDoc(p.Encounter, "Procedure: " + Display(p.Code));
                    if (p.Encounter?.Reference is { } pr && FirstCode(p.Code) is { } px) Add(encounterProcedures, Canonical(pr), px);
                    break;
                case Observation o: AddDoc(o.Encounter, "Observation: " + Display(o.Code)); break;
                case DiagnosticReport d: AddDoc(d.Encounter, "Diagnostic report: " + Display(d.Code)); break;
                case DocumentReference dr:
                    foreach (var enc in dr.Context?.Encounter ?? []) AddDoc(enc, "Document: " + (dr.Description ?? Display(dr.Type)));
                    break;
            }
        }

        var patients = new Dictionary<string, PatientRecord>(StringComparer.Ordinal);
        var coverages = new Dictionary<string, Coverage>(StringComparer.Ordinal);
        var authorizations = new Dictionary<string, Authorization>(StringComparer.Ordinal);
        var encounters = new Dictionary<string, EncounterRecord>(StringComparer.Ordinal);
        var providers = new Dictionary<string, ProviderProfile>(StringComparer.Ordinal);
        var claims = new Dictionary<string, SubmittedClaim>(StringComparer.Ordinal);

        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = i + 1;
            switch (bundle.Entry[i].Resource)
            {
                case Patient p:
                {
                    if (IdOf(p) is not { } patientId) { rejected.Add(new(entry, "Patient has neither id nor fullUrl")); break; }
                    var identifiers = p.Identifier.Where(x => !string.IsNullOrWhiteSpace(x.Value))
                        .Select(x => new PatientIdentifier(x.System, x.Type?.Coding.FirstOrDefault(c => !string.IsNullOrEmpty(c.Code))?.Code, x.Value!.Trim())).ToList();
                    var record = new PatientRecord
                    {
                        Id = patientId,
                        Identity = Identity(p, (identifiers.FirstOrDefault(x => x.Type is "MB" or "SN") ?? identifiers.FirstOrDefault(IsMbi))?.Value),
                        MedicalRecordNumber = identifiers.FirstOrDefault(x => x.Type == "MR")?.Value,
                        Identifiers = identifiers,
                    };
                    patients.TryAdd(record.Key, record);
                    break;
                }
                case FhirCoverage c:
                    AddCoverage(c, entry);
                    break;
                case ExplanationOfBenefit eob:
                    foreach (var contained in eob.Contained.OfType<FhirCoverage>()) AddCoverage(contained, entry);
                    break;
                case Practitioner pr:
                {
                    var npi = pr.Identifier.FirstOrDefault(x => x.System == NpiSystem)?.Value;
                    if (!Importer.IsValidNpi(npi)) { rejected.Add(new(entry, $"Practitioner {pr.Id}: NPI '{npi}' is not a valid 10-digit NPI (check digit)")); break; }
                    var name = pr.Name.FirstOrDefault();
                    var profile = new ProviderProfile { Npi = npi!, Name = string.Join(" ", (name?.Given ?? []).Append(name?.Family).Where(s => !string.IsNullOrEmpty(s))) };
                    providers.TryAdd(profile.Key, profile);
                    break;
                }
                case FhirEncounter enc:
                {
                    var start = Date(enc.Period?.Start);
                    if (IdOf(enc) is not { } encounterId) { rejected.Add(new(entry, "Encounter has neither id nor fullUrl")); break; }
                    if (start is null) { rejected.Add(new(entry, $"Encounter {encounterId}: period.start is missing or not a date")); break; }
                    var self = $"Encounter/{encounterId}";
                    documents.TryGetValue(self, out var docs);
                    var practitioner = enc.Participant.Select(x => Resolve<Practitioner>(x.Individual)).FirstOrDefault(x => x is not null);
                    var patient = Resolve<Patient>(enc.Subject);
                    var record = new EncounterRecord
                    {
                        Id = encounterId,
                        PatientId = IdOf(patient) ?? RefId(enc.Subject),
                        Date = start.Value,
                        DateEnd = Date(enc.Period?.End),
                        ProviderNpi = practitioner?.Identifier.FirstOrDefault(x => x.System == NpiSystem)?.Value,
                        DocumentationPresent = docs is { Count: > 0 } && enc.Status == FhirEncounter.EncounterStatus.Finished,
                        Documents = docs?.Distinct().ToList() ?? [],
                        DiagnosisCodes = encounterDiagnoses.GetValueOrDefault(self)?.Distinct().ToList() ?? [],
                        ProcedureCodes = encounterProcedures.GetValueOrDefault(self)?.Distinct().ToList() ?? [],
                    };
                    encounters.TryAdd(record.Key, record);
                    break;
                }
                case Claim claim:
                    AddClaim(claim, entry);
                    break;
            }
        }

        return new FhirImportResult(patients.Values.ToList(), coverages.Values.ToList(), authorizations.Values.ToList(),
            encounters.Values.ToList(), providers.Values.ToList(), claims.Values.ToList(), rejected);

        void AddCoverage(FhirCoverage c, int entry)
        {
            var payorRef = c.Payor.FirstOrDefault();
            var payorOrg = Resolve<Organization>(payorRef);
            var payerId = IdOf(payorOrg) ?? RefId(payorRef) ?? payorRef?.Display;
            if (payerId is null) { rejected.Add(new(entry, $"Coverage {c.Id}: payor is missing")); return; }
            var patient = Resolve<Patient>(c.Beneficiary);
            CoverageOrder order;
            switch (c.Order)
            {
                case null or 1: order = CoverageOrder.Primary; break;
                case 2: order = CoverageOrder.Secondary; break;
                case 3: order = CoverageOrder.Tertiary; break;
                default: rejected.Add(new(entry, $"Coverage {c.Id}: order {c.Order} is not 1, 2 or 3")); return;
            }
            var start = Date(c.Period?.Start);
            var end = Date(c.Period?.End);
            if (start is not null && end is not null && end < start) { rejected.Add(new(entry, $"Coverage {c.Id}: period ends before it starts")); return; }
            var record = new Coverage
            {
                PatientId = IdOf(patient) ?? RefId(c.Beneficiary),
                MemberId = c.SubscriberId ?? c.Identifier.FirstOrDefault()?.Value,
                PayerId = payerId,
                PayerName = payorOrg?.Name ?? payorRef?.Display,
                PeriodStart = start,
                PeriodEnd = end,
                Order = order,
            };
            coverages.TryAdd(record.Key, record);
        }

        void AddClaim(Claim claim, int entry)
        {
            var claimId = claim.Identifier.FirstOrDefault()?.Value ?? IdOf(claim);
            if (string.IsNullOrEmpty(claimId)) { rejected.Add(new(entry, "Claim has neither identifier nor id")); return; }
            var start = Date(claim.BillablePeriod?.Start);
            if (start is null) { rejected.Add(new(entry, $"Claim {claimId}: billablePeriod.start is missing or not a date")); return; }
            var end = Date(claim.BillablePeriod?.End);
            var patient = Resolve<Patient>(claim.Patient);
            var focal = claim.Insurance.FirstOrDefault(x => x.Focal == true) ?? claim.Insurance.FirstOrDefault();
            var coverage = Resolve<FhirCoverage>(focal?.Coverage) ?? claim.Contained.OfType<FhirCoverage>().FirstOrDefault(x => focal?.Coverage?.Reference == "#" + x.Id);
            var payerRef = coverage?.Payor.FirstOrDefault();
            var payerOrg = Resolve<Organization>(payerRef);
            var payerId = IdOf(payerOrg) ?? RefId(payerRef) ?? payerRef?.Display ?? focal?.Coverage?.Display;
            var diagnoses = new List<string>();
            foreach (var d in claim.Diagnosis)
            {
                var code = d.Diagnosis switch
                {
                    CodeableConcept cc => FirstCode(cc),
                    ResourceReference rr => FirstCode(Resolve<Condition>(rr)?.Code),
                    _ => null,
                };
                if (code is not null) diagnoses.Add(code);
            }
            var lines = new List<SubmittedLine>();
            foreach (var item in claim.Item)
            {
                var procedure = FirstCode(item.ProductOrService);
                if (procedure is null) { rejected.Add(new(entry, $"Claim {claimId}: item {item.Sequence} has no productOrService code")); continue; }
                var (lineStart, lineEnd) = item.Serviced switch
                {
                    Date d => (Date(d.Value), (DateOnly?)null),
                    Period p => (Date(p.Start), Date(p.End)),
                    _ => (start, end),
                };
                lines.Add(new SubmittedLine
                {
                    Number = item.Sequence ?? lines.Count + 1,
                    Procedure = procedure,
                    Modifiers = item.Modifier.Select(FirstCode).OfType<string>().ToList(),
                    Units = item.Quantity?.Value ?? 1m,
                    Charge = item.Net?.Value ?? item.UnitPrice?.Value ?? 0m,
                    ServiceDate = lineStart ?? start.Value,
                    ServiceDateEnd = lineEnd,
                    DiagnosisCodes = item.DiagnosisSequence.Select(s => s - 1).Where(s => s >= 0 && s < diagnoses.Count).Select(s => diagnoses[s!.Value]).ToList(),
                });
            }
            var provider = Resolve<Practitioner>(claim.Provider);
            var org = Resolve<Organization>(claim.Provider);
            var providerNpi = (provider?.Identifier ?? org?.Identifier)?.FirstOrDefault(x => x.System == NpiSystem)?.Value;
            var preAuth = claim.Insurance.SelectMany(x => x.PreAuthRef).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
            var record = new SubmittedClaim
            {
                ClaimId = claimId,
                Patient = patient is null ? new PersonIdentity() : Identity(patient, coverage?.SubscriberId),
                PatientId = IdOf(patient) ?? RefId(claim.Patient),
                PayerId = payerId,
                PayerName = payerOrg?.Name ?? payerRef?.Display ?? focal?.Coverage?.Display,
                BillingNpi = providerNpi,
                DiagnosisCodes = diagnoses,
                Lines = lines,
                PriorAuthorizationNumber = preAuth,
                ReferralNumber = claim.Referral?.Identifier?.Value,
                SubmissionDate = Date(claim.Created),
                ServiceDateStart = start.Value,
                ServiceDateEnd = end,
            };
            claims.TryAdd(record.Key, record);
            foreach (var ins in claim.Insurance)
            {
                foreach (var number in ins.PreAuthRef.OfType<string>().Where(s => !string.IsNullOrWhiteSpace(s)))
                {
                    var insCoverage = Resolve<FhirCoverage>(ins.Coverage);
                    var insPayer = insCoverage?.Payor.FirstOrDefault();
                    var auth = new Authorization
                    {
                        Number = number.Trim(),
                        PatientId = IdOf(patient) ?? RefId(claim.Patient),
                        MemberId = insCoverage?.SubscriberId,
                        PayerId = IdOf(Resolve<Organization>(insPayer)) ?? RefId(insPayer) ?? insPayer?.Display ?? payerId,
                        ProcedureCodes = lines.Select(l => l.Procedure).Distinct(StringComparer.Ordinal).ToList(),
                        PeriodStart = start,
                        PeriodEnd = end ?? start,
                    };
                    authorizations.TryAdd(auth.Key, auth);
                }
            }
        }
    }

    private static FhirImportResult Empty(ImportRejection rejection) => new([], [], [], [], [], [], [rejection]);

    private static PersonIdentity Identity(Patient p, string? memberId)
    {
        var name = p.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        return new PersonIdentity
        {
            LastName = name?.Family,
            FirstName = name?.Given.FirstOrDefault(),
            MemberId = memberId,
            BirthDate = Date(p.BirthDate),
        };
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>A Medicare Beneficiary Identifier (system http://hl7.org/fhir/sid/us-mbi, or type MC): the member id when no MB/SN identifier is given.</summary>
    private static bool IsMbi(PatientIdentifier x) =>
        x.Type == "MC" || (x.System?.Contains("us-mbi", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The id a fullUrl gives: "urn:uuid:x" → x, "https://host/fhir/Patient/x" → x.</summary>
    private static string? LastPart(string? fullUrl)
    {
        if (string.IsNullOrWhiteSpace(fullUrl)) return null;
        var cut = Math.Max(fullUrl.LastIndexOf('/'), fullUrl.LastIndexOf(':'));
        var id = fullUrl[(cut + 1)..];
        return id.Length > 0 ? id : null;
    }

    /// <summary>"Type/id" of a relative or absolute reference, without a version ("…/Patient/x/_history/2" → "Patient/x").</summary>
    private static string? TypeAndId(string reference)
    {
        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var n = parts.Length;
        if (n >= 4 && parts[n - 2] == "_history") n -= 2;
        return n >= 2 ? $"{parts[n - 2]}/{parts[n - 1]}" : null;
    }

    private static string? RefId(ResourceReference? reference)
    {
        var r = reference?.Reference;
        if (string.IsNullOrEmpty(r)) return null;
        if (r.StartsWith("urn:uuid:", StringComparison.Ordinal)) return r["urn:uuid:".Length..];
        var slash = r.LastIndexOf('/');
        return slash >= 0 ? r[(slash + 1)..] : r.TrimStart('#');
    }

    private static string? FirstCode(CodeableConcept? cc) => cc?.Coding.FirstOrDefault(c => !string.IsNullOrEmpty(c.Code))?.Code;

    private static string Display(CodeableConcept? cc) =>
        cc?.Text ?? cc?.Coding.FirstOrDefault()?.Display ?? cc?.Coding.FirstOrDefault()?.Code ?? "(uncoded)";

    /// <summary>The calendar date as written in a FHIR date or dateTime ("2019-12-18T13:55:57+00:00" → 2019-12-18).</summary>
    private static DateOnly? Date(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
