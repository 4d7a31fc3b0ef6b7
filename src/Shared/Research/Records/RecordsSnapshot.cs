namespace DenialPipeline.Research.Records;

/// <summary>
/// Everything the records hold for one denial, gathered by the caller (the research handler reads the
/// Records table): the submitted claim (null when unmatched), coverages, authorizations, encounters,
/// the payer and provider profiles, submission proof, earlier paid services and contract rates.
/// </summary>
public sealed record RecordsSnapshot
{
    public SubmittedClaim? Claim { get; init; }
    /// <summary>Which Patient records the coverages, encounters and authorizations were gathered through, and how they were tied.</summary>
    public PatientLink PatientLink { get; init; } = PatientLink.NotLinked;
    public IReadOnlyList<Coverage> Coverages { get; init; } = [];
    public IReadOnlyList<Authorization> Authorizations { get; init; } = [];
    public IReadOnlyList<EncounterRecord> Encounters { get; init; } = [];
    /// <summary>Signed ABNs on file for this patient (Original Medicare's liability notice).</summary>
    public IReadOnlyList<AdvanceNotice> AdvanceNotices { get; init; } = [];
    /// <summary>
    /// True when ABNs are kept here (an ABN log was imported): an empty <see cref="AdvanceNotices"/> then means none was
    /// signed for this patient, not that nobody keeps them.
    /// </summary>
    public bool AdvanceNoticesChecked { get; init; }
    public PayerProfile? Payer { get; init; }
    /// <summary>The profiles of the other payers the coverages name (their own filing limits, for bill-the-other-payer).</summary>
    public IReadOnlyList<PayerProfile> OtherPayerProfiles { get; init; } = [];
    public ProviderProfile? Provider { get; init; }
    /// <summary>The billing provider's profile (the payee's NPI) when it is not <see cref="Provider"/>: letters name the billing provider.</summary>
    public ProviderProfile? BillingProvider { get; init; }
    public IReadOnlyList<SubmissionProof> SubmissionProofs { get; init; } = [];
    /// <summary>Paid service lines from earlier remittances of this payer for this patient on the claim's dates (not reversed).</summary>
    public IReadOnlyList<PaidService> EarlierPaidServices { get; init; } = [];
    /// <summary>
    /// True when earlier payments were looked up (the remittance or the submitted claim named a member and the payer):
    /// an empty <see cref="EarlierPaidServices"/> then means none was received, not that nobody looked.
    /// </summary>
    public bool EarlierPaymentsChecked { get; init; }
    /// <summary>Contracted rates of this payer for the claim's procedures (all periods: research picks the one in effect).</summary>
    public IReadOnlyList<ContractRate> ContractRates { get; init; } = [];

    public static RecordsSnapshot Empty { get; } = new();
}
