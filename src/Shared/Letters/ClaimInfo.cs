namespace DenialPipeline.Letters;

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
