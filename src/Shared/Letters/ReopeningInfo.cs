namespace DenialPipeline.Letters;

/// <summary>
/// The clerical error a Medicare reopening request asks the MAC to correct (the fields a MAC's reopening form asks for:
/// the field, the line, what was processed and what it should be). <see cref="Corrected"/> null: a coder enters it.
/// </summary>
public sealed record ReopeningInfo
{
    /// <summary>The field in error, e.g. "modifier", "diagnosis", "denial as a duplicate (CARC 18)".</summary>
    public string? Field { get; init; }

    /// <summary>Where it sits: "line 1 (99213)" or "the claim".</summary>
    public string? Where { get; init; }

    /// <summary>The value as the claim was processed.</summary>
    public string? AsProcessed { get; init; }

    /// <summary>The value it should have; null when the records do not say.</summary>
    public string? Corrected { get; init; }

    /// <summary>Why there is good cause (42 CFR 405.986), set only when the request comes after the first year.</summary>
    public string? GoodCause { get; init; }
}
