namespace DenialPipeline.Research.Records;

/// <summary>The claim as we sent it (837P/837I): what the 835 is matched against.</summary>
public sealed record SubmittedClaim
{
    public const string Kind = "SubmittedClaim";

    /// <summary>CLM01, the patient control number the payer echoes in CLP01.</summary>
    public required string ClaimId { get; init; }
    public PersonIdentity Patient { get; init; } = new();
    /// <summary>The Patient record the claim names (FHIR Claim.patient); null for an 837, whose patient is found by member id.</summary>
    public string? PatientId { get; init; }
    public PersonIdentity? Subscriber { get; init; }
    public string? PayerId { get; init; }
    public string? PayerName { get; init; }
    public string? BillingNpi { get; init; }
    public string? RenderingNpi { get; init; }
    public string? ReferringNpi { get; init; }
    public string? Taxonomy { get; init; }
    public string? PlaceOfService { get; init; }
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public IReadOnlyList<SubmittedLine> Lines { get; init; } = [];
    /// <summary>REF*G1.</summary>
    public string? PriorAuthorizationNumber { get; init; }
    /// <summary>REF*9F.</summary>
    public string? ReferralNumber { get; init; }
    /// <summary>CLM05-3: 1 original, 7 replacement, 8 void.</summary>
    public string FrequencyCode { get; init; } = "1";
    /// <summary>REF*F8: the payer claim number of the claim this one replaces.</summary>
    public string? OriginalReference { get; init; }
    /// <summary>The payer's claim number (ICN) of this claim when known: from a 277CA acknowledgment (REF*1K), set on import.</summary>
    public string? PayerClaimNumber { get; init; }
    /// <summary>When the claim was sent: 837 BHT04 (else GS04), FHIR Claim.created.</summary>
    public DateOnly? SubmissionDate { get; init; }
    public required DateOnly ServiceDateStart { get; init; }
    public DateOnly? ServiceDateEnd { get; init; }
    /// <summary>
    /// An institutional claim (837I): its filing clocks count from the statement's through date (<see cref="ServiceDateEnd"/>,
    /// CR 7080), not from a line's date.
    /// </summary>
    public bool Institutional { get; init; }

    /// <summary>The DRG the institutional claim was billed with (837I HI*DR); null when none was sent.</summary>
    public string? Drg { get; init; }

    public decimal TotalCharge => Lines.Sum(l => l.Charge);
    public DateOnly LastServiceDate => ServiceDateEnd ?? (Lines.Count > 0 ? Lines.Max(l => l.ServiceDateEnd ?? l.ServiceDate) : ServiceDateStart);
    public string Key => RecordKeys.Of(ClaimId);
}
