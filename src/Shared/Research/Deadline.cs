namespace DenialPipeline.Research;

/// <summary>The date by which the next step must be filed, the rule that set it and how it was counted.</summary>
public sealed record Deadline(DateOnly Date, string Rule, string Explanation, int DaysLeft);
