namespace DenialPipeline.X12;

public sealed record PersonName(string? EntityQualifier, string? Last, string? First, string? Middle, string? Suffix, string? IdQualifier, string? Id);
