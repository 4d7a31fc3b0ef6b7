namespace DenialPipeline.Research.Records;

/// <summary>How research tied the denied claim to a patient's records (strongest first).</summary>
public enum PatientLinkMethod
{
    /// <summary>Nothing tied the claim to a Patient record: only records filed under the claim's own member id are used.</summary>
    None,
    /// <summary>The submitted claim names the Patient resource itself (FHIR Claim.patient).</summary>
    SamePatientResource,
    /// <summary>A member id of the claim is an identifier of the Patient, or the subscriber id of a Coverage whose beneficiary it is.</summary>
    MemberId,
    /// <summary>No id matched; exactly one Patient has the claim's patient name and birth date.</summary>
    NameAndBirthDate,
    /// <summary>More than one Patient fits (same member id, or same name and birth date): none of their records is used.</summary>
    Ambiguous,
}
