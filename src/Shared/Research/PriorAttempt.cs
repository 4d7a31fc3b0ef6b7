using DenialPipeline.Codes;
using DenialPipeline.X12;

namespace DenialPipeline.Research;

/// <summary>What the case a new denial continues decided and sent (the earlier case of the same claim).</summary>
/// <param name="CaseId">The earlier case.</param>
/// <param name="Action">Its action (what its letter asked for); null when it was never researched.</param>
/// <param name="Group">Its dominant group code.</param>
/// <param name="Reason">Its dominant CARC.</param>
/// <param name="Missing">The claim element its research named as missing or invalid, if any.</param>
/// <param name="Claim">The claim as its remittance read it (when that remittance only maintained a decision with CARC 193, as
/// the remittance before it read it), when stored.</param>
public sealed record PriorAttempt(string CaseId, ResolutionAction? Action, string? Group, string? Reason, ClaimPayment? Claim)
{
    public ClaimElement? Missing { get; init; }
}
