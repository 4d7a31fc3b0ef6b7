namespace DenialPipeline.Research.Records;

/// <summary>A policy the patient holds with a payer for a period.</summary>
public sealed record Coverage
{
    public const string Kind = "Coverage";

    /// <summary>Our id for the patient (FHIR Patient id, MRN); optional when the member id is known.</summary>
    public string? PatientId { get; init; }
    public string? MemberId { get; init; }
    public required string PayerId { get; init; }
    public string? PayerName { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public CoverageOrder Order { get; init; } = CoverageOrder.Primary;

    public bool ActiveOn(DateOnly date) => (PeriodStart is null || PeriodStart <= date) && (PeriodEnd is null || date <= PeriodEnd);
    public string Key => RecordKeys.Of(PatientId ?? MemberId, PayerId, MemberId, PeriodStart?.ToString("yyyy-MM-dd"));
}
