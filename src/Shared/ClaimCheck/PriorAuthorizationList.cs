namespace DenialPipeline.ClaimCheck;

/// <summary>Procedures a payer wants authorized before the service, with the manual it comes from.</summary>
public sealed record PriorAuthorizationList(CodeSet Procedures, string Source);
