using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DenialPipeline.Testing;
using DenialPipeline.Web;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>The pages and the upload/code endpoints over HTTP, through the local host (no browser needed).</summary>
public sealed partial class WebUiTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    [Theory]
    [InlineData("/", "Work queue")]
    [InlineData("/index.html", "Work queue")]
    [InlineData("/case.html", "Case")]
    [InlineData("/letter.html", "Letter review")]
    [InlineData("/dashboard.html", "Dashboard")]
    [InlineData("/drop.html", "Drop a file")]
    public async Task Pages_AreServedAtTheRoot_WithAStrictPolicy(string path, string title)
    {
        var r = await pipeline.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/html", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<title>{title} ", await r.Content.ReadAsStringAsync());
        var csp = r.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task EveryScriptAndStylesheetAPageNames_IsServed_AndEveryModuleImportResolves()
    {
        foreach (var page in WebUi.Files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            var html = await pipeline.Http.GetStringAsync("/" + page);
            foreach (Match m in AssetReference().Matches(html))
                Assert.Equal(HttpStatusCode.OK, (await pipeline.Http.GetAsync(m.Groups[1].Value)).StatusCode);
        }
        foreach (var script in WebUi.Files.Where(f => f.EndsWith(".js", StringComparison.Ordinal)))
        {
            var r = await pipeline.Http.GetAsync("/" + script);
            Assert.Equal("text/javascript", r.Content.Headers.ContentType?.MediaType);
            foreach (Match m in ModuleImport().Matches(await r.Content.ReadAsStringAsync()))
                Assert.Contains(m.Groups[1].Value, WebUi.Files);
        }
    }

    [Fact]
    public async Task Assets_RevalidateWithTheirETag()
    {
        var first = await pipeline.Http.GetAsync("/app.css");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/app.css");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await pipeline.Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task UnknownPage_Is404_AndApiRoutesAreUntouched()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.Http.GetAsync("/nope.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.Http.GetAsync("/api")).StatusCode);
        var cases = await pipeline.Http.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.Equal("application/json", cases.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EmailLink_RedirectsToTheLetterPage_WithTheIdEscaped()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(pipeline.BaseUrl) };
        var r = await client.GetAsync("/letters/l%3Cx%3E");
        Assert.Equal(HttpStatusCode.Found, r.StatusCode);
        Assert.Equal("/letter.html?id=l%3Cx%3E", r.Headers.Location!.OriginalString);
    }

    /// <summary>Deadline reminders link to <c>{PublicBaseUrl}/cases/{id}</c> (DeadlineSweep): that must open the case page.</summary>
    [Fact]
    public async Task ReminderLink_RedirectsToTheCasePage_WithTheIdEscaped()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(pipeline.BaseUrl) };
        var r = await client.GetAsync("/cases/c%3Cx%3E");
        Assert.Equal(HttpStatusCode.Found, r.StatusCode);
        Assert.Equal("/case.html?id=c%3Cx%3E", r.Headers.Location!.OriginalString);

        var followed = await pipeline.Http.GetAsync("/cases/cabc123");
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("/case.html", followed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("?id=cabc123", followed.RequestMessage.RequestUri.Query);
        Assert.Contains("<title>Case ", await followed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_RawBody_IsDroppedAndProcessed()
    {
        const string name = "acme-health-2026-11-12-with-errors.835";
        var content = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));
        var r = await pipeline.Http.PostAsync($"/api/files?name={name}", new StringContent(content));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = $"/api/files/{body.GetProperty("fileId").GetString()}";
        var file = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync(statusUrl),
            f => f.GetProperty("status").GetString() == "ProcessedWithErrors", "the uploaded file to be processed");
        Assert.Equal(name, file.GetProperty("blobName").GetString());
        Assert.Contains(file.GetProperty("issues").EnumerateArray(), i => i.GetProperty("segmentIndex").GetInt64() == 28);
    }

    [Theory]
    [InlineData("/api/files", "")]
    [InlineData("/api/files?name=a.835", "")]
    public async Task Upload_WithoutNameOrContent_Is400(string path, string content)
    {
        var r = await pipeline.Http.PostAsync(path, new StringContent(content));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Codes_ExplainCarcRarcAndGroup_InPlainEnglish()
    {
        var codes = await pipeline.GetJsonAsync("/api/codes?group=CO&carc=197,XYZ9&rarc=N290");
        var list = codes.EnumerateArray().ToList();
        Assert.Equal(4, list.Count);
        var carc = list.Single(c => c.GetProperty("code").GetString() == "197");
        Assert.True(carc.GetProperty("known").GetBoolean());
        Assert.Equal("Authorization", carc.GetProperty("category").GetString());
        Assert.False(string.IsNullOrWhiteSpace(carc.GetProperty("text").GetString()));
        Assert.False(list.Single(c => c.GetProperty("code").GetString() == "XYZ9").GetProperty("known").GetBoolean());
        Assert.True(list.Single(c => c.GetProperty("kind").GetString() == "rarc").GetProperty("known").GetBoolean());
        Assert.False(list.Single(c => c.GetProperty("kind").GetString() == "group").GetProperty("patientMayBeBilled").GetBoolean());
    }

    /// <summary>
    /// host.json's routePrefix is "": a Functions API route without <c>ApiRoutes.Prefix</c> would move from /api/x to /x,
    /// and an extra page route could shadow one. Every HTTP trigger names its route through ApiRoutes.Prefix or WebRoutes.
    /// </summary>
    [Fact]
    public void FunctionsHttpRoutes_AllStartWithTheApiPrefix_OrAreWebRoutes()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "DenialPipeline.sln"))) root = Path.GetDirectoryName(root)!;
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json")));
        Assert.Equal("", hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var routes = Directory.GetFiles(Path.Combine(root, "src", "DenialFunctions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RouteArgument().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Route: m.Groups[1].Value.Trim())))
            .ToList();
        Assert.NotEmpty(routes);
        foreach (var (file, route) in routes)
            Assert.True(route.StartsWith("ApiRoutes.Prefix +", StringComparison.Ordinal) || route.StartsWith("WebRoutes.", StringComparison.Ordinal),
                $"{file}: Route = {route} must be ApiRoutes.Prefix + ApiRoutes.X (or a WebRoutes page route).");
    }

    [GeneratedRegex("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""from\s+'\./([^']+)'""")]
    private static partial Regex ModuleImport();

    [GeneratedRegex("""Route\s*=\s*([^,)\]]+)""")]
    private static partial Regex RouteArgument();
}
