namespace DenialPipeline.Codes;

/// <summary>The code systems the pipeline reads from remittances.</summary>
public enum CodeKind
{
    /// <summary>Claim Adjustment Reason Code (CAS02/05/…, X12 external code list 139).</summary>
    Carc,
    /// <summary>Remittance Advice Remark Code (LQ*HE, MIA/MOA, external code list 411).</summary>
    Rarc,
    /// <summary>Claim adjustment group code (CAS01: CO, PR, OA, PI, CR).</summary>
    Group,
}

/// <summary>A code as a value: its wire code and the system it belongs to (like Firely's <c>Code&lt;T&gt;</c>).</summary>
public readonly record struct CodeValue(CodeKind Kind, string Code)
{
    public string System => Kind switch
    {
        CodeKind.Carc => "https://x12.org/codes/claim-adjustment-reason-codes",
        CodeKind.Rarc => "https://x12.org/codes/remittance-advice-remark-codes",
        _ => "https://x12.org/codes/claim-adjustment-group-codes",
    };

    public static CodeValue Carc(string code) => new(CodeKind.Carc, Normalize(code));
    public static CodeValue Rarc(string code) => new(CodeKind.Rarc, Normalize(code));
    public static CodeValue Group(string code) => new(CodeKind.Group, Normalize(code));

    internal static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    public override string ToString() => Code;
}

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

/// <summary>The next step a coder takes on a denial.</summary>
public enum ResolutionAction
{
    Appeal,
    CorrectedClaim,
    ProviderQuery,
    BillOtherPayer,
    BillPatient,
    RequestRetroAuthorization,
    WriteOff,
    NoAction,
    ManualReview,
    /// <summary>
    /// Ask Medicare to reopen a processed claim to correct a clerical error (42 CFR 405.980; Medicare Claims Processing
    /// Manual ch. 34): not a replacement claim and not an appeal. Appended last so stored numeric values keep their meaning.
    /// </summary>
    RequestReopening,
}

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
