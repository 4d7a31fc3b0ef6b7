namespace DenialPipeline.Research.Records;

/// <summary>A service line of the claim as submitted (837 loop 2400).</summary>
public sealed record SubmittedLine
{
    /// <summary>LX01: the 1-based line number.</summary>
    public int Number { get; init; }
    public required string Procedure { get; init; }
    public IReadOnlyList<string> Modifiers { get; init; } = [];
    public decimal Units { get; init; } = 1m;
    public decimal Charge { get; init; }
    public required DateOnly ServiceDate { get; init; }
    public DateOnly? ServiceDateEnd { get; init; }
    /// <summary>REF*6R: the line item control number the payer echoes in the 835.</summary>
    public string? LineControlNumber { get; init; }
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public string? Ndc { get; init; }
    public string? PlaceOfService { get; init; }
}
