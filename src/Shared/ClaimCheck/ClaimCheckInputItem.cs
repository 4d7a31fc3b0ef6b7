namespace DenialPipeline.ClaimCheck;

/// <summary>One item of an input file: a claim to check, or why a claim (or the file) could not be checked.</summary>
public sealed record ClaimCheckInputItem(ClaimUnderCheck? Claim, ClaimCheckInputError? Error);
