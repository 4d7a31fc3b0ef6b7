namespace DenialPipeline.Cases;

/// <summary>
/// The user an authorized request runs as, the role the request was allowed by (recorded in history) and the caller's
/// stable object id (recorded beside the name; the key of a payer identity). A Payer's folder comes from its payer
/// identity, never from the name (ApiAccess.PayerFolderOf).
/// </summary>
public sealed record SignedInUser(string Name, Role Role, string? ObjectId = null)
{
    public string Actor => $"user:{Name}";
}
