namespace DenialPipeline.X12;

/// <summary>Shape of generated remittances.</summary>
public sealed record Remittance835GeneratorOptions
{
    public int MaxTransactions { get; init; } = 3;
    public int MaxClaimsPerTransaction { get; init; } = 8;
    public int MaxLinesPerClaim { get; init; } = 5;
    public int MaxProviderAdjustments { get; init; } = 3;

    /// <summary>Probability that a claim is a reversal (CLP02 = 22, negative amounts).</summary>
    public double ReversalRate { get; init; } = 0.05;

    /// <summary>Write 4010 (004010X091A1) transactions instead of 5010.</summary>
    public bool Version4010 { get; init; }
}
