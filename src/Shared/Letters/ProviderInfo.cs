namespace DenialPipeline.Letters;

public sealed record ProviderInfo
{
    public string? Name { get; init; }
    public string? Npi { get; init; }
    /// <summary>The billing provider's Medicare PTAN, from its profile (MAC forms ask for it beside the NPI).</summary>
    public string? Ptan { get; init; }
    public PostalAddress? Address { get; init; }
    public string? Phone { get; init; }

    /// <summary>Where provider queries go (the email carries a link only, never PHI).</summary>
    public string? Email { get; init; }

    /// <summary>The clinician a documentation or coding query is addressed to.</summary>
    public string? AttendingName { get; init; }

    public string? SignerName { get; init; }
    public string? SignerTitle { get; init; }
}
