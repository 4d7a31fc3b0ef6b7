namespace DenialPipeline.Research.Records;

public enum ClaimMatchMethod
{
    /// <summary>CLP01 equals the submitted CLM01.</summary>
    PatientControlNumber,
    /// <summary>CLP07 equals the payer claim number we hold for the submitted claim.</summary>
    PayerClaimNumber,
    /// <summary>The 835's REF*F8 equals the submitted claim's original reference (or its payer claim number).</summary>
    OriginalReference,
    /// <summary>Same patient (member id or name), same first date of service and same total charge: exactly one candidate.</summary>
    PatientDatesAndCharge,
}
