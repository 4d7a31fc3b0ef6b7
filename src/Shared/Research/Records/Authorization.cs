namespace DenialPipeline.Research.Records;

/// <summary>A prior authorization or precertification the payer granted.</summary>
public sealed record Authorization
{
    public const string Kind = "Authorization";

    public required string Number { get; init; }
    public string? PatientId { get; init; }
    public string? MemberId { get; init; }
    public string? PayerId { get; init; }
    /// <summary>Empty means the authorization names no procedure (covers the episode).</summary>
    public IReadOnlyList<string> ProcedureCodes { get; init; } = [];
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public decimal? UnitsAuthorized { get; init; }

    public bool Covers(DateOnly date) => (PeriodStart is null || PeriodStart <= date) && (PeriodEnd is null || date <= PeriodEnd);
    public bool CoversProcedure(string procedure) => ProcedureCodes.Count == 0 || ProcedureCodes.Contains(procedure, StringComparer.OrdinalIgnoreCase);
    public string Key => RecordKeys.Of(PayerId, Number);
}
