using DenialPipeline.Codes;

namespace DenialPipeline.Research;

/// <summary>
/// The decision for one denial reason (group + CARC) at one place: a service line, or with a null <see cref="LineIndex"/>
/// the claim level. <see cref="Amount"/> is that reason's total at that place.
/// </summary>
public sealed record LineDecision(
    int? LineIndex,
    string? Procedure,
    string? LineControlNumber,
    string Group,
    string Reason,
    decimal Amount,
    DenialCategory Category,
    ResolutionAction Action,
    string Conclusion)
{
    /// <summary>
    /// Whether this decision sets its place's action — the one the letter planner reads. Each place has exactly one: its
    /// largest workable adjustment (else its largest adjustment); the decisions on its other reasons do not. True by
    /// default because results stored before research decided every reason hold one decision per place, and it drove.
    /// </summary>
    public bool DrivesAction { get; init; } = true;
    /// <summary>The checks research made for this reason at this place and what they found (what a letter may cite for it).</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    /// <summary>For a corrected claim: each change this decision calls for, in words.</summary>
    public IReadOnlyList<string> Corrections { get; init; } = [];
    /// <summary>For an appeal: what to enclose for this reason at this place.</summary>
    public IReadOnlyList<string> Enclosures { get; init; } = [];
    /// <summary>For an authorization denial: the authorization research matched to this line's service.</summary>
    public string? AuthorizationNumber { get; init; }
    /// <summary>For a duplicate denial: the earlier payment found for this line's service.</summary>
    public DenialPipeline.Research.Records.PaidService? EarlierPayment { get; init; }
    /// <summary>For a duplicate denial: whether earlier payments were looked up at all.</summary>
    public bool EarlierPaymentsChecked { get; init; }
    /// <summary>For a Medicare reopening: the clerical error to correct at this place.</summary>
    public ClericalError? ClericalError { get; init; }
}
