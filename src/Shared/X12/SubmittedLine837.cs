namespace DenialPipeline.X12;

/// <summary>A service line: SV1 (professional) or SV2 (institutional) with its DTP*472 and REF*6R.</summary>
public sealed record SubmittedLine837(
    int? LineNumber,
    string? ProcedureQualifier,
    string? Procedure,
    IReadOnlyList<string> Modifiers,
    string? RevenueCode,
    decimal Charge,
    string? UnitQualifier,
    decimal? Units,
    string? PlaceOfService,
    DateOnly? ServiceDate,
    DateOnly? ServiceDateEnd,
    string? LineControlNumber,
    string? RenderingProviderNpi,
    X12Position Position)
{
    /// <summary>SV107 (837P): the 1-based positions in the claim's HI list this line points to; empty when none given.</summary>
    public IReadOnlyList<int> DiagnosisPointers { get; init; } = [];
}
