namespace DenialPipeline.Letters;

public sealed record ProviderQueryInfo
{
    /// <summary>The exact, non-leading question.</summary>
    public string? Question { get; init; }

    /// <summary>What is missing or unclear in the record.</summary>
    public string? MissingInformation { get; init; }

    /// <summary>Options the provider may choose from, always including "other" and "unable to determine".</summary>
    public IReadOnlyList<string> ResponseOptions { get; init; } = [];
}
