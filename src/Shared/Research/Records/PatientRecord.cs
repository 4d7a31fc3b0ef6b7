namespace DenialPipeline.Research.Records;

/// <summary>A patient from a FHIR bundle.</summary>
public sealed record PatientRecord
{
    public const string Kind = "Patient";

    public required string Id { get; init; }
    public PersonIdentity Identity { get; init; } = new();
    public string? MedicalRecordNumber { get; init; }
    /// <summary>Every identifier the Patient resource carries (MBI, member ids, MRN…): any of them ties a claim's member id to this patient.</summary>
    public IReadOnlyList<PatientIdentifier> Identifiers { get; init; } = [];
    public string Key => RecordKeys.Of(Id);
}
