namespace DenialPipeline.LocalHost;

/// <summary>
/// Settings section "DevAuth" (local host, Development only): the users a developer can sign in as, each with its
/// roles, e.g. <c>"DevAuth": { "Users": { "coder": "Coder", "lead": "Manager,Coder" } }</c>.
/// </summary>
public sealed class DevAuthOptions
{
    public const string Section = "DevAuth";

    public Dictionary<string, string> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> RolesOf(string user) =>
        Users.TryGetValue(user, out var roles) ? roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
}
