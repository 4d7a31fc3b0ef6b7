namespace DenialPipeline.X12;

/// <summary>One CAS triplet: group code (CO, PR, OA, PI, CR), reason (CARC), amount, quantity.</summary>
public sealed record Adjustment(AdjustmentLevel Level, string Group, string Reason, decimal Amount, decimal? Quantity, X12Position Position);
