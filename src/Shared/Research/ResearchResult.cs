using DenialPipeline.Codes;

namespace DenialPipeline.Research;

/// <summary>What the research stage concluded for one denied claim.</summary>
public sealed record ResearchResult
{
    public required string PatientControlNumber { get; init; }
    public string? PayerClaimNumber { get; init; }
    /// <summary>The submitted claim id the remittance was matched to; null when unmatched.</summary>
    public string? MatchedClaimId { get; init; }
    public required DenialCategory Category { get; init; }
    public required ResolutionAction Action { get; init; }
    /// <summary>The dominant adjustment: group code and CARC (e.g. CO and 197).</summary>
    public required string Group { get; init; }
    public required string Reason { get; init; }
    /// <summary>Remark codes on the claim and its lines (MOA/MIA/LQ), as received.</summary>
    public IReadOnlyList<string> Remarks { get; init; } = [];
    public required decimal DeniedAmount { get; init; }
    public Deadline? Deadline { get; init; }
    public required Priority Priority { get; init; }
    public IReadOnlyList<LineDecision> Lines { get; init; } = [];
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    /// <summary>For a corrected claim: each change to make, in words (e.g. "add modifier XS to line 2 (97110)").</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];
    /// <summary>For an appeal: what to enclose.</summary>
    public IReadOnlyList<string> Enclosures { get; init; } = [];
    /// <summary>For an authorization denial: the number of the authorization on file that research found covering the service.</summary>
    public string? AuthorizationNumber { get; init; }
    /// <summary>For a duplicate denial: the earlier payment found for the same service, when one was.</summary>
    public DenialPipeline.Research.Records.PaidService? EarlierPayment { get; init; }
    /// <summary>For a duplicate denial: whether earlier payments were looked up at all (false: no payment history could be searched).</summary>
    public bool EarlierPaymentsChecked { get; init; }
    /// <summary>
    /// For a claim to send (<see cref="ResolutionAction.CorrectedClaim"/>): its frequency code (CLM05-3). "7" replaces the
    /// processed claim; "1" is a new claim, the only way back for a claim returned unprocessable (MA130), which has no
    /// appeal rights and cannot be replaced. Null: the action sends no claim, or a result stored before this field ("7").
    /// </summary>
    public string? ClaimFrequency { get; init; }
    /// <summary>
    /// For a claim to send: the original must first be voided (frequency 8, REF*F8 = its payer claim number) and the claim
    /// sent as new (frequency 1) — a change of billing provider, which a replacement (7) cannot make (DOMAIN "Corrected claims").
    /// </summary>
    public bool VoidsOriginal { get; init; }
    /// <summary>For a Medicare reopening (<see cref="ResolutionAction.RequestReopening"/>): the clerical error to correct.</summary>
    public ClericalError? ClericalError { get; init; }
    /// <summary>
    /// For a Medicare ALJ hearing request (appeal level 3): the amount in controversy and the calendar year's threshold it
    /// was checked against (42 CFR 405.1006); null at other levels.
    /// </summary>
    public AmountInControversy? AmountInControversy { get; init; }
    /// <summary>The claim element a remark code named as missing, when one did.</summary>
    public ClaimElement? MissingElement { get; init; }
    /// <summary>
    /// When the case or one of its lines queries the provider: the date the query asks to be answered by, well before
    /// <see cref="Deadline"/> (<see cref="Deadlines.QueryAnswerBy"/>); null when nothing is asked of the provider.
    /// </summary>
    public DateOnly? QueryAnswerBy { get; init; }
    /// <summary>One sentence: what to do and why.</summary>
    public required string Summary { get; init; }
    public required DateTimeOffset ResearchedAt { get; init; }
}
