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
