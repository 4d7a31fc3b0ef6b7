using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.ClaimCheck.Ncci;
using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// Everything a rule may look at for one claim: the check date, the payer (profile, kind, rules), the member's records
/// (coverage, authorizations, other claims on file, paid services), earlier claims of the batch, NCCI edits and the
/// learned denial patterns. Built by <see cref="ClaimChecker"/>; tests build it directly.
/// </summary>
public sealed record ClaimCheckContext
{
    public required DateOnly Today { get; init; }
    public PayerProfile? Payer { get; init; }
    public PayerKind PayerKind { get; init; } = PayerKind.Commercial;
    public PayerRules Rules { get; init; } = new();
    /// <summary>Payer profiles by id: the kind of the payers the member's coverage names (Medicare vs Medicare Advantage).</summary>
    public IReadOnlyDictionary<string, PayerProfile> PayerProfiles { get; init; } = new Dictionary<string, PayerProfile>(StringComparer.OrdinalIgnoreCase);
    public IReadOnlySet<string> NcciBypassModifiers { get; init; } = new HashSet<string>();
    public NcciEdits Ncci { get; init; } = new();
    public LearnedPatterns Learned { get; init; } = LearnedPatterns.None;
    public IReadOnlyList<Coverage> Coverages { get; init; } = [];
    /// <summary>Whether coverage was looked up for this member (no records is "unknown", never "not covered").</summary>
    public bool CoverageKnown => Coverages.Count > 0;
    public IReadOnlyList<Authorization> Authorizations { get; init; } = [];
    public IReadOnlyList<SubmittedClaim> OtherClaims { get; init; } = [];
    public IReadOnlyList<PaidService> PaidServices { get; init; } = [];
    public IReadOnlyList<BatchService> EarlierInBatch { get; init; } = [];
    /// <summary>The member's signed ABNs, when an ABN log is kept (<see cref="AdvanceNoticesKept"/>).</summary>
    public IReadOnlyList<AdvanceNotice> AdvanceNotices { get; init; } = [];
    public bool AdvanceNoticesKept { get; init; }

    /// <summary>The payer as evidence names it: profile name, else the claim's payer name, else its id.</summary>
    public string PayerLabel(ClaimUnderCheck claim) => Payer?.Name ?? claim.Claim.PayerName ?? claim.Claim.PayerId ?? "the payer";
}
