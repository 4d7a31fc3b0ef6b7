namespace DenialPipeline.ClaimCheck;

/// <summary>What the check says of a claim: send it, look at it, or correct it before sending.</summary>
public enum ClaimCheckStatus { Ready, Warn, FixFirst }
