namespace DenialPipeline.Research.Records;

/// <summary>An encounter and what documentation the chart holds for it.</summary>
public sealed record EncounterRecord
{
    public const string Kind = "Encounter";

    public required string Id { get; init; }
    public string? PatientId { get; init; }
    public string? MemberId { get; init; }
    public required DateOnly Date { get; init; }
    public DateOnly? DateEnd { get; init; }
    public string? ProviderNpi { get; init; }
    public string? ProviderName { get; init; }
    /// <summary>True when the chart holds signed documentation for the encounter (notes, results, reports).</summary>
    public bool DocumentationPresent { get; init; }
    /// <summary>What the chart holds, one item per document, in words a coder lists as enclosures.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public IReadOnlyList<string> ProcedureCodes { get; init; } = [];
    public IReadOnlyList<DistinctService> DistinctServices { get; init; } = [];

    public bool Covers(DateOnly date) => Date <= date && date <= (DateEnd ?? Date);
    public string Key => RecordKeys.Of(Id);
}
