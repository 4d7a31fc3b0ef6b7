namespace DenialPipeline.Letters;

/// <summary>
/// Everything a letter may use. Every field is optional except <see cref="CaseId"/>: a template that
/// references a field that is null (or a list that is empty) renders a visible "needs input" marker and
/// the renderer lists the field in <see cref="RenderedLetter.MissingFields"/>. Values are data: they are
/// HTML-encoded and never evaluated as Liquid.
/// </summary>
public sealed record LetterContext
{
    public required string CaseId { get; init; }

    /// <summary>Date printed on the letter. Callers pass the date from their <see cref="TimeProvider"/>.</summary>
    public DateOnly? LetterDate { get; init; }

    public PayerInfo? Payer { get; init; }
    public ProviderInfo? Provider { get; init; }
    public PatientInfo? Patient { get; init; }
    public ClaimInfo? Claim { get; init; }
    public IReadOnlyList<ServiceLineInfo> ServiceLines { get; init; } = [];
    public IReadOnlyList<DenialReasonInfo> DenialReasons { get; init; } = [];
    public IReadOnlyList<RemarkInfo> Remarks { get; init; } = [];

    /// <summary>Sentences drawn from research evidence (records, policy, LCD/NCD citations).</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public string? AuthorizationNumber { get; init; }
    public TimelyFilingProof? TimelyFilingProof { get; init; }
    public IReadOnlyList<string> Enclosures { get; init; } = [];

    /// <summary>The action asked of the recipient, e.g. "reprocess the claim and pay the denied amount".</summary>
    public string? ActionRequested { get; init; }

    /// <summary>1 for a first-level appeal, 2 for reconsideration, …</summary>
    public int? AppealLevel { get; init; }

    /// <summary>Filing deadline for an appeal, or the answer-by date for a provider query.</summary>
    public DateOnly? Deadline { get; init; }

    public ProviderQueryInfo? Query { get; init; }

    /// <summary>For a Medicare reopening request: the clerical error to correct.</summary>
    public ReopeningInfo? Reopening { get; init; }

    /// <summary>For a later Medicare appeal level: the office it is filed with (QIC, OMHA), from the previous decision's notice.</summary>
    public AppealOffice? AppealOffice { get; init; }

    /// <summary>For an ALJ hearing request: the amount in controversy and the year's threshold.</summary>
    public AmountInControversyInfo? AmountInControversy { get; init; }
}

public enum PayerKind
{
    /// <summary>Original Medicare (Part A/B, MAC). Only this kind gets a 405.944 redetermination.</summary>
    Medicare,
    MedicareAdvantage,
    Medicaid,
    Commercial,
    Other,
}

public sealed record PostalAddress(string Line1, string? Line2, string City, string State, string PostalCode)
{
    public IReadOnlyList<string> Lines() =>
        Line2 is { Length: > 0 } line2
            ? [Line1, line2, $"{City}, {State} {PostalCode}"]
            : [Line1, $"{City}, {State} {PostalCode}"];
}

public sealed record PayerInfo
{
    public string? Name { get; init; }

    /// <summary>Payer id (e.g. REF*2U or the clearinghouse id). Selects per-payer template overrides.</summary>
    public string? Id { get; init; }

    public PayerKind Kind { get; init; } = PayerKind.Commercial;

    /// <summary>The department that receives appeals, e.g. "Appeals Department" or a MAC's redetermination unit.</summary>
    public string? AppealDepartment { get; init; }

    public PostalAddress? AppealAddress { get; init; }
    public string? AppealFax { get; init; }
    public string? AppealPortalUrl { get; init; }
}

public sealed record ProviderInfo
{
    public string? Name { get; init; }
    public string? Npi { get; init; }
    public PostalAddress? Address { get; init; }
    public string? Phone { get; init; }

    /// <summary>Where provider queries go (the email carries a link only, never PHI).</summary>
    public string? Email { get; init; }

    /// <summary>The clinician a documentation or coding query is addressed to.</summary>
    public string? AttendingName { get; init; }

    public string? SignerName { get; init; }
    public string? SignerTitle { get; init; }
}

public sealed record PatientInfo
{
    public string? Name { get; init; }

    /// <summary>Member id; for Original Medicare the Medicare Beneficiary Identifier (MBI).</summary>
    public string? MemberId { get; init; }

    public DateOnly? DateOfBirth { get; init; }
}

public sealed record ClaimInfo
{
    /// <summary>CLP01: the provider's claim id.</summary>
    public string? PatientControlNumber { get; init; }

    /// <summary>CLP07: the payer's claim control number (ICN/DCN).</summary>
    public string? PayerClaimNumber { get; init; }

    public DateOnly? ServiceFrom { get; init; }
    public DateOnly? ServiceTo { get; init; }

    /// <summary>Date of the initial determination (remittance/notice date).</summary>
    public DateOnly? DeterminationDate { get; init; }

    public decimal? BilledAmount { get; init; }
    public decimal? PaidAmount { get; init; }
    public decimal? DeniedAmount { get; init; }

    /// <summary>Frequency code of the claim as remitted (CLP09): 1 original, 7 replacement, 8 void. The corrected-claim cover always says 7.</summary>
    public string? FrequencyCode { get; init; }

    /// <summary>What the corrected claim changes (for the corrected-claim cover letter).</summary>
    public string? CorrectionSummary { get; init; }

    /// <summary>
    /// The claim is sent as new (frequency 1) after a void (frequency 8) of the original: a change of billing provider NPI,
    /// which a replacement (7) cannot make.
    /// </summary>
    public bool VoidsOriginal { get; init; }
}

public sealed record ServiceLineInfo
{
    public DateOnly? ServiceDate { get; init; }
    public string? ProcedureCode { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Modifiers { get; init; } = [];
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public decimal? Units { get; init; }
    public decimal? ChargeAmount { get; init; }
    public decimal? PaidAmount { get; init; }
}

/// <summary>One CARC adjustment with the sentence that rebuts it.</summary>
public sealed record DenialReasonInfo
{
    /// <summary>CAS01 group code: CO, PR, OA, PI.</summary>
    public string? GroupCode { get; init; }

    /// <summary>CARC, e.g. "50".</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Plain-English description of the CARC.</summary>
    public string? Description { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>The specific rebuttal, drawn from research evidence.</summary>
    public string? Rebuttal { get; init; }
}

/// <summary>A RARC with its text.</summary>
public sealed record RemarkInfo(string Code, string? Text);

public sealed record TimelyFilingProof
{
    public DateOnly? SubmittedOn { get; init; }

    /// <summary>E.g. "999 acceptance and 277CA from the clearinghouse".</summary>
    public string? Source { get; init; }

    /// <summary>Batch, acknowledgement or tracking number.</summary>
    public string? Reference { get; init; }
}

public sealed record ProviderQueryInfo
{
    /// <summary>The exact, non-leading question.</summary>
    public string? Question { get; init; }

    /// <summary>What is missing or unclear in the record.</summary>
    public string? MissingInformation { get; init; }

    /// <summary>Options the provider may choose from, always including "other" and "unable to determine".</summary>
    public IReadOnlyList<string> ResponseOptions { get; init; } = [];
}
