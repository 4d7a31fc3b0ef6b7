namespace DenialPipeline.Denials;

/// <summary>A mapping that cannot be used: its 1-based entry number in the file, its label when it has one, the field and why.</summary>
public sealed record CsvMappingProblem(int Index, string? Mapping, string Field, string Message)
{
    public override string ToString() => $"mapping {Index}{(Mapping is null ? "" : $" ('{Mapping}')")}: {Field}: {Message}";
}
