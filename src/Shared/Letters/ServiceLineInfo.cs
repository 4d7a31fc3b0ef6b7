namespace DenialPipeline.Letters;

public sealed record ServiceLineInfo
{
    public DateOnly? ServiceDate { get; init; }
    public string? ProcedureCode { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Modifiers { get; init; } = [];
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public decimal? Units { get; init; }
    public decimal? ChargeAmount { get; init; }
    public decimal? PaidAmount { get; init; }
}
