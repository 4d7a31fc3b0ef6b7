using DenialPipeline.Storage;

namespace DenialPipeline.Cases;

/// <summary>The user an authorized request runs as, and the role the request was allowed by (recorded in history).</summary>
public sealed record SignedInUser(string Name, Role Role)
{
    public string Actor => $"user:{Name}";

    /// <summary>The drops folder a Payer uploads to and may read (its files only).</summary>
    public string PayerFolder => Keys.SafeBlobName(Name);
}
