namespace DenialPipeline.Letters;

/// <summary>An ALJ hearing request's amount in controversy and the calendar year's threshold it meets (42 CFR 405.1006).</summary>
public sealed record AmountInControversyInfo
{
    public decimal? Amount { get; init; }
    public int? Year { get; init; }
    public decimal? Threshold { get; init; }
    public string? Source { get; init; }
}
