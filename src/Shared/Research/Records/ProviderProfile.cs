namespace DenialPipeline.Research.Records;

/// <summary>A billing or rendering provider.</summary>
public sealed record ProviderProfile
{
    public const string Kind = "Provider";

    public required string Npi { get; init; }
    public required string Name { get; init; }
    public string? Taxonomy { get; init; }
    /// <summary>Where documentation queries go (an opaque link is mailed, never PHI).</summary>
    public string? QueryEmail { get; init; }
    /// <summary>
    /// The Medicare Provider Transaction Access Number the MAC assigned to this NPI: MAC reopening and redetermination
    /// forms ask for it beside the NPI.
    /// </summary>
    public string? Ptan { get; init; }
    public string Key => RecordKeys.Of(Npi);
}
