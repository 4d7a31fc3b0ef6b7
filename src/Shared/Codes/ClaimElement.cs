namespace DenialPipeline.Codes;

/// <summary>An element of a claim that a remark code can name as missing or invalid.</summary>
public enum ClaimElement
{
    ProcedureCode,
    DiagnosisCode,
    Modifier,
    Units,
    DateOfService,
    PlaceOfService,
    RenderingProviderNpi,
    BillingProviderNpi,
    Taxonomy,
    ReferringProvider,
    ReferralNumber,
    PriorAuthorizationNumber,
    PatientBirthDate,
    MemberId,
    OriginalReference,
    Ndc,
    Charge,
}
