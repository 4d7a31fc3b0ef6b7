namespace DenialPipeline.X12;

public sealed record ClaimSubmitted(SubmittedClaim837 Claim) : Claim837Event;
