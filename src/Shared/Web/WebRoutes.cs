using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DenialPipeline.Web;

/// <summary>
/// The web pages (Web/wwwroot, embedded in this assembly): one flat folder of HTML, CSS and ES modules served by
/// <see cref="WebUi.Serve"/>. The Functions app (routePrefix "" in host.json) and the local host map the same routes
/// to it (the assets and the two email links), so the pages cannot differ between hosts. API routes all start with
/// <c>api/</c>; these never do.
/// </summary>
public static class WebRoutes
{
    /// <summary>A page or asset at the root: <c>/</c>, <c>/case.html</c>, <c>/app.js</c>… (one segment, never <c>api</c>).</summary>
    public const string Asset = "{file?}";

    /// <summary>The link that delivery emails carry (<c>{PublicBaseUrl}/letters/{id}</c>): redirects to the letter page.</summary>
    public const string LetterLink = "letters/{id}";

    /// <summary>The link that deadline reminders carry (<c>{PublicBaseUrl}/cases/{id}</c>): redirects to the case page.</summary>
    public const string CaseLink = "cases/{id}";

    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + Asset, [HttpMethods.Get, HttpMethods.Head], (HttpRequest r, string? file) => WebUi.Serve(file, r.Headers.IfNoneMatch));
        app.MapGet("/" + LetterLink, (string id) => WebUi.LetterLink(id));
        app.MapGet("/" + CaseLink, (string id) => WebUi.CaseLink(id));
        return app;
    }
}
