namespace DenialPipeline.ClaimCheck;

/// <summary>Modifiers a payer requires on some procedures (any one of <see cref="AnyOf"/>), with the manual it comes from.</summary>
public sealed record RequiredModifier(CodeSet Procedures, IReadOnlyList<string> AnyOf, string Source);
