namespace DenialPipeline.X12;

/// <summary>A claim (loop 2300, CLM) with the billing provider, subscriber, patient and payer above it.</summary>
public sealed record SubmittedClaim837(
    string ClaimId,
    decimal Charge,
    string? FacilityCode,
    string? FacilityCodeQualifier,
    string? FrequencyCode,
    ClaimKind837 Kind,
    string? TransactionControlNumber,
    string? Version,
    PersonName? Subscriber,
    DateOnly? SubscriberBirthDate,
    string? SubscriberMemberId,
    PersonName? Patient,
    DateOnly? PatientBirthDate,
    string? PayerName,
    string? PayerId,
    PersonName? BillingProvider,
    string? BillingProviderNpi,
    string? BillingProviderTaxonomy,
    PersonName? RenderingProvider,
    string? RenderingProviderNpi,
    string? RenderingProviderTaxonomy,
    IReadOnlyList<HealthCareCode> HealthCareCodes,
    string? PriorAuthorization,
    string? Referral,
    string? OriginalReference,
    DateOnly? StatementStart,
    DateOnly? StatementEnd,
    IReadOnlyList<SubmittedLine837> Lines,
    IReadOnlyList<X12Issue> Issues,
    X12Position Position)
{
    private static readonly HashSet<string> DiagnosisQualifiers = new(StringComparer.Ordinal)
    {
        "ABK", "ABF", "ABJ", "ABN", "APR", "BK", "BF", "BJ", "BN", "PR", "ADR",
    };

    /// <summary>Diagnosis codes (principal first, as submitted); value, occurrence and condition codes left out.</summary>
    /// <summary>GS06 of the functional group the claim came in: with ST02 it is what a 999 acknowledges.</summary>
    public string? GroupControlNumber { get; init; }

    /// <summary>When the claim was sent: BHT04 (transaction creation date), else GS04 (group date).</summary>
    public DateOnly? SubmissionDate { get; init; }

    /// <summary>SBR01 of the subscriber loop (2000B): P primary, S secondary, T tertiary, …</summary>
    public string? PayerResponsibility { get; init; }

    /// <summary>Other payers named in loop 2320 (SBR within the claim) and whether any gave its paid amount (AMT*D).</summary>
    public int OtherPayerCount { get; init; }
    public bool OtherPayerPaidAmountGiven { get; init; }

    /// <summary>NM1*DN (loop 2310A): the referring provider's NPI.</summary>
    public string? ReferringProviderNpi { get; init; }

    /// <summary>NM1*85 entity type: "1" a person, "2" an organization.</summary>
    public string? BillingProviderEntityType { get; init; }

    public IEnumerable<string> DiagnosisCodes => HealthCareCodes.Where(c => DiagnosisQualifiers.Contains(c.Qualifier)).Select(c => c.Code);

    /// <summary>The DRG the institutional claim was billed with (HI*DR, 837I loop 2300); null when none. Not a diagnosis.</summary>
    public string? Drg => HealthCareCodes.FirstOrDefault(c => c.Qualifier == "DR")?.Code;
}
