using Hl7.Fhir.Model;
using static DenialPipeline.Research.Records.FhirValues;
using FhirCoverage = Hl7.Fhir.Model.Coverage;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace DenialPipeline.Research.Records;

/// <summary>
/// One read of one bundle for <see cref="FhirBundleImporter"/>: each entry goes to the reader of its resource type,
/// which keeps the first record per deterministic key or rejects the entry with its 1-based number.
/// </summary>
internal sealed partial class FhirBundleReader
{
    private readonly Bundle _bundle;
    private readonly List<ImportRejection> _rejected = [];
    private readonly FhirBundleIndex _index;
    private readonly FhirEncounterDocumentation _documentation;
    private readonly Dictionary<string, PatientRecord> _patients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Coverage> _coverages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Authorization> _authorizations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EncounterRecord> _encounters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProviderProfile> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubmittedClaim> _claims = new(StringComparer.Ordinal);

    public FhirBundleReader(Bundle bundle)
    {
        _bundle = bundle;
        _index = new FhirBundleIndex(bundle, _rejected);
        _documentation = new FhirEncounterDocumentation(bundle, _index);
    }

    public FhirImportResult Read()
    {
        for (var i = 0; i < _bundle.Entry.Count; i++) Read(_bundle.Entry[i].Resource, entry: i + 1);
        return new FhirImportResult(_patients.Values.ToList(), _coverages.Values.ToList(), _authorizations.Values.ToList(),
            _encounters.Values.ToList(), _providers.Values.ToList(), _claims.Values.ToList(), _rejected);
    }

    private void Read(Resource? resource, int entry)
    {
        switch (resource)
        {
            case Patient p: AddPatient(p, entry); break;
            case FhirCoverage c: AddCoverage(c, entry); break;
            case ExplanationOfBenefit eob:
                foreach (var contained in eob.Contained.OfType<FhirCoverage>()) AddCoverage(contained, entry);
                break;
            case Practitioner pr: AddPractitioner(pr, entry); break;
            case FhirEncounter enc: AddEncounter(enc, entry); break;
            case Claim claim: AddClaim(claim, entry); break;
        }
    }

    private void Reject(int entry, string reason) => _rejected.Add(new(entry, reason));

    private void AddPatient(Patient p, int entry)
    {
        if (_index.IdOf(p) is not { } patientId) { Reject(entry, "Patient has neither id nor fullUrl"); return; }
        var identifiers = p.Identifier.Where(x => !string.IsNullOrWhiteSpace(x.Value))
            .Select(x => new PatientIdentifier(x.System, x.Type?.Coding.FirstOrDefault(c => !string.IsNullOrEmpty(c.Code))?.Code, x.Value!.Trim())).ToList();
        var record = new PatientRecord
        {
            Id = patientId,
            Identity = Identity(p, (identifiers.FirstOrDefault(x => x.Type is "MB" or "SN") ?? identifiers.FirstOrDefault(IsMbi))?.Value),
            MedicalRecordNumber = identifiers.FirstOrDefault(x => x.Type == "MR")?.Value,
            Identifiers = identifiers,
        };
        _patients.TryAdd(record.Key, record);
    }

    /// <summary>A Medicare Beneficiary Identifier (system http://hl7.org/fhir/sid/us-mbi, or type MC): the member id when no MB/SN identifier is given.</summary>
    private static bool IsMbi(PatientIdentifier x) =>
        x.Type == "MC" || (x.System?.Contains("us-mbi", StringComparison.OrdinalIgnoreCase) ?? false);

    private void AddCoverage(FhirCoverage c, int entry)
    {
        var payorRef = c.Payor.FirstOrDefault();
        var payorOrg = _index.Resolve<Organization>(payorRef);
        var payerId = _index.IdOf(payorOrg) ?? RefId(payorRef) ?? payorRef?.Display;
        if (payerId is null) { Reject(entry, $"Coverage {c.Id}: payor is missing"); return; }
        if (OrderOf(c) is not { } order) { Reject(entry, $"Coverage {c.Id}: order {c.Order} is not 1, 2 or 3"); return; }
        var start = Date(c.Period?.Start);
        var end = Date(c.Period?.End);
        if (start is not null && end is not null && end < start) { Reject(entry, $"Coverage {c.Id}: period ends before it starts"); return; }
        var record = new Coverage
        {
            PatientId = _index.IdOf(_index.Resolve<Patient>(c.Beneficiary)) ?? RefId(c.Beneficiary),
            MemberId = c.SubscriberId ?? c.Identifier.FirstOrDefault()?.Value,
            PayerId = payerId,
            PayerName = payorOrg?.Name ?? payorRef?.Display,
            PeriodStart = start,
            PeriodEnd = end,
            Order = order,
        };
        _coverages.TryAdd(record.Key, record);
    }

    private static CoverageOrder? OrderOf(FhirCoverage c) => c.Order switch
    {
        null or 1 => CoverageOrder.Primary,
        2 => CoverageOrder.Secondary,
        3 => CoverageOrder.Tertiary,
        _ => null,
    };

    private void AddPractitioner(Practitioner pr, int entry)
    {
        var npi = Npi(pr.Identifier);
        if (!Importer.IsValidNpi(npi)) { Reject(entry, $"Practitioner {pr.Id}: NPI '{npi}' is not a valid 10-digit NPI (check digit)"); return; }
        var name = pr.Name.FirstOrDefault();
        var profile = new ProviderProfile { Npi = npi!, Name = string.Join(" ", (name?.Given ?? []).Append(name?.Family).Where(s => !string.IsNullOrEmpty(s))) };
        _providers.TryAdd(profile.Key, profile);
    }

    private void AddEncounter(FhirEncounter enc, int entry)
    {
        var start = Date(enc.Period?.Start);
        if (_index.IdOf(enc) is not { } encounterId) { Reject(entry, "Encounter has neither id nor fullUrl"); return; }
        if (start is null) { Reject(entry, $"Encounter {encounterId}: period.start is missing or not a date"); return; }
        var self = $"Encounter/{encounterId}";
        var docs = _documentation.DocumentsOf(self);
        var practitioner = enc.Participant.Select(x => _index.Resolve<Practitioner>(x.Individual)).FirstOrDefault(x => x is not null);
        var record = new EncounterRecord
        {
            Id = encounterId,
            PatientId = _index.IdOf(_index.Resolve<Patient>(enc.Subject)) ?? RefId(enc.Subject),
            Date = start.Value,
            DateEnd = Date(enc.Period?.End),
            ProviderNpi = Npi(practitioner?.Identifier),
            DocumentationPresent = docs is { Count: > 0 } && enc.Status == FhirEncounter.EncounterStatus.Finished,
            Documents = docs?.Distinct().ToList() ?? [],
            DiagnosisCodes = _documentation.DiagnosesOf(self),
            ProcedureCodes = _documentation.ProceduresOf(self),
        };
        _encounters.TryAdd(record.Key, record);
    }
}
