namespace DenialPipeline.X12;

public sealed record PayeeInfo(
    string? Name,
    string? IdQualifier,
    string? Id,
    string? TaxId,
    Address? Address);
