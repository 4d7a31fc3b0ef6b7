namespace DenialPipeline.ClaimCheck;

/// <summary>One part of a claim's denial risk: what it is, its probability and why.</summary>
public sealed record RiskPart(string Name, double Probability, string Explanation);
