namespace DenialPipeline.Api;

/// <summary>Settings section "Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Trust the <c>X-MS-CLIENT-PRINCIPAL</c> header. Only App Service Authentication may set it (the platform strips
    /// it from outside requests); a host that does not sit behind it must ignore the header, or anyone could forge it.
    /// True when this setting says so, or when the platform reports Easy Auth on (<c>WEBSITE_AUTH_ENABLED</c>).
    /// </summary>
    public bool TrustClientPrincipal { get; set; }
}
