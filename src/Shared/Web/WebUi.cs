using System.Collections.Frozen;
using System.Security.Cryptography;

namespace DenialPipeline.Web;

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
