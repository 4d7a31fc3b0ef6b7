namespace DenialPipeline.ClaimCheck;

/// <summary>A service an earlier claim of the same batch billed for the same member (in-batch duplicates).</summary>
public sealed record BatchService(string ClaimId, DateOnly Date, string Procedure, string Modifiers);
