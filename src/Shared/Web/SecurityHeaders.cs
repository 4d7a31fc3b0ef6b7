using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Web;

/// <summary>
/// The headers every response carries in both hosts: no sniffing, no framing, no referrer, the pages' Content-Security-
/// Policy (unless a response set its own) and, in Azure, HSTS (App Service serves HTTPS only; the local host is plain
/// HTTP on loopback, where HSTS would be wrong).
/// </summary>
public static class SecurityHeaders
{
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    /// <summary>App Service sets <c>WEBSITE_SITE_NAME</c> in every app it runs.</summary>
    public static bool InAzure => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WEBSITE_SITE_NAME"));

    public static void Apply(HttpResponse response, bool inAzure)
    {
        var h = response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        if (h.ContentSecurityPolicy.Count == 0) h.ContentSecurityPolicy = WebUi.ContentSecurityPolicy;
        if (inAzure) h.StrictTransportSecurity = StrictTransportSecurity;
    }
}
