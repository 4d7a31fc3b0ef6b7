using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Reads a FHIR R4 Bundle (Firely SDK) into records: Patient, Coverage (top-level and those contained in
/// Claim/ExplanationOfBenefit) with period, order and payor, Claim (as a SubmittedClaim; insurance.preAuthRef
/// gives Authorizations), Encounter with the documentation that references it (Condition, Procedure,
/// Observation, DiagnosticReport, DocumentReference), Practitioner (as a ProviderProfile when its NPI is valid).
/// Rejections carry the 1-based bundle entry number.
/// </summary>
public static class FhirBundleImporter
{
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
        return new FhirBundleReader(bundle).Read();
    }

    private static FhirImportResult Empty(ImportRejection rejection) => new([], [], [], [], [], [], [rejection]);
}
