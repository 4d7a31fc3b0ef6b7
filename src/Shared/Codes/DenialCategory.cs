namespace DenialPipeline.Codes;

/// <summary>What a denial is about: the category decides which records are checked.</summary>
public enum DenialCategory
{
    Authorization,
    Eligibility,
    CoordinationOfBenefits,
    Coding,
    MedicalNecessity,
    TimelyFiling,
    Duplicate,
    MissingInformation,
    NonCovered,
    Bundling,
    ProviderEnrollment,
    PatientResponsibility,
    Contractual,
    Other,
}
