using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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

/// <summary>Serves the embedded pages with a strict Content-Security-Policy (scripts and styles from this origin only).</summary>
public static class WebUi
{
    private const string ResourcePrefix = "DenialPipeline.Web.wwwroot.";
    public const string Index = "index.html";

    /// <summary>
    /// Same-origin scripts only; inline styles are allowed for the letter preview (server-sanitized HTML in a sandboxed
    /// srcdoc iframe, which inherits this policy and runs no script).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    public static IReadOnlyCollection<string> Files => Assets.Value.Keys;

    /// <summary>The asset named <paramref name="file"/> (null or empty: the work queue), or a 404 page.</summary>
    public static WebResult Serve(string? file, string? ifNoneMatch = null)
    {
        var name = string.IsNullOrEmpty(file) ? Index : file;
        if (!Assets.Value.TryGetValue(name, out var asset))
            return new WebResult(404, "text/html; charset=utf-8", NotFoundPage, null);
        if (ifNoneMatch is not null && ifNoneMatch.Split(',').Any(t => t.Trim() == asset.ETag))
            return new WebResult(304, asset.ContentType, null, asset.ETag);
        return new WebResult(200, asset.ContentType, asset.Content, asset.ETag);
    }

    /// <summary>The email link: a redirect to the letter page (the id is escaped; nothing else is echoed).</summary>
    public static WebResult LetterLink(string id) =>
        new(302, "text/plain; charset=utf-8", null, null, Location: $"/letter.html?id={Uri.EscapeDataString(id)}");

    /// <summary>The deadline reminder's link: a redirect to the case page (the id is escaped; nothing else is echoed).</summary>
    public static WebResult CaseLink(string id) =>
        new(302, "text/plain; charset=utf-8", null, null, Location: $"/case.html?id={Uri.EscapeDataString(id)}");

    private static readonly byte[] NotFoundPage = System.Text.Encoding.UTF8.GetBytes(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title><link rel=\"stylesheet\" href=\"/app.css\">" +
        "<main class=\"page\"><h1>Page not found</h1><p><a href=\"/\">Go to the work queue</a></p></main></html>");

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WebUi).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            assets[name] = new Asset(content, ContentTypeOf(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}

/// <summary>A page, asset or redirect, written the same way by both hosts (like <c>ApiResult</c>).</summary>
public sealed record WebResult(int Status, string ContentType, byte[]? Content, string? ETag, string? Location = null) : IResult, IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = WebUi.ContentSecurityPolicy;
        SecurityHeaders.Apply(response, SecurityHeaders.InAzure);
        headers.CacheControl = "no-cache";
        if (ETag is not null) headers.ETag = ETag;
        if (Location is not null) headers.Location = Location;
        if (Content is null) return;
        response.ContentType = ContentType;
        response.ContentLength = Content.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
            await response.Body.WriteAsync(Content, httpContext.RequestAborted);
    }
}
