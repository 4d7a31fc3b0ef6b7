namespace DenialPipeline.Research.Records;

/// <summary>One identifier of a FHIR Patient (system, type code such as MB or MR, value). The value is PHI: never log it.</summary>
public sealed record PatientIdentifier(string? System, string? Type, string Value)
{
    /// <summary>How identifiers are compared: case-insensitive, without spaces and dashes ("1EG4-TE5-MK73" is "1EG4TE5MK73").</summary>
    public static string Normalize(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
}
