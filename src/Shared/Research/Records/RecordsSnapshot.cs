namespace DenialPipeline.Research.Records;

/// <summary>
/// Everything the records hold for one denial, gathered by the caller (the research handler reads the
/// Records table): the submitted claim (null when unmatched), coverages, authorizations, encounters,
/// the payer and provider profiles, submission proof, earlier paid services and contract rates.
/// </summary>
public sealed record RecordsSnapshot
{
    public SubmittedClaim? Claim { get; init; }
    public IReadOnlyList<Coverage> Coverages { get; init; } = [];
    public IReadOnlyList<Authorization> Authorizations { get; init; } = [];
    public IReadOnlyList<EncounterRecord> Encounters { get; init; } = [];
    public PayerProfile? Payer { get; init; }
    public ProviderProfile? Provider { get; init; }
    public IReadOnlyList<SubmissionProof> SubmissionProofs { get; init; } = [];
    public IReadOnlyList<PaidService> EarlierPaidServices { get; init; } = [];
    public IReadOnlyList<ContractRate> ContractRates { get; init; } = [];

    public static RecordsSnapshot Empty { get; } = new();
}
