using System.Collections.Concurrent;
using System.Text;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>Where the browser is: the Debian Chromium. Without it every browser test reports as skipped, with this reason.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public static bool Available => File.Exists(ExecutablePath);
    public const string SkipReason = $"Chromium is not installed at {ExecutablePath} (apt-get install -y chromium): browser tests cannot run.";

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];
}

/// <summary>
/// A private pipeline (Azurite + local host, see <see cref="PipelineFixture"/>, with the sample records imported) and a
/// headless Chromium. Each test class gets its own, so tests never see each other's data. Nothing starts when Chromium
/// is missing (the tests skip).
/// </summary>
public sealed class BrowserFixture() : BrowserFixtureBase(new PipelineFixture());

/// <summary>The same without the sample records: every denial stays Unmatched (no submitted claim on file).</summary>
public sealed class NoRecordsBrowserFixture() : BrowserFixtureBase(new NoRecordsPipelineFixture());

public sealed class NoRecordsPipelineFixture : PipelineFixture
{
    protected override bool ImportSampleRecords => false;
}

public abstract class BrowserFixtureBase(PipelineFixture pipeline) : IAsyncLifetime
{
    public PipelineFixture Pipeline { get; } = pipeline;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync()
    {
        if (!Chromium.Available) return;
        // Pages wait on the server (save, approve, upload); with every test assembly running at once on two cores a
        // round trip can take several seconds, so expectations wait 20 s (Playwright's default is 5 s).
        Assertions.SetDefaultExpectTimeout(20_000);
        await Pipeline.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (Chromium.Available) await Pipeline.DisposeAsync();
    }

    /// <summary>The development user pages open as unless a test names another (every staff role; RoleTests use the single-role users).</summary>
    public const string DefaultUser = "tester";

    /// <summary>
    /// A page in a fresh browser context, signed in as <paramref name="user"/>: by the local host's development sign-in
    /// header and, for hosts without it, the principal header App Service Authentication sets.
    /// </summary>
    public async Task<Tab> OpenAsync(string path, string user = DefaultUser, int width = 1280, int height = 900)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = Pipeline.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Dev-User"] = user, ["X-MS-CLIENT-PRINCIPAL"] = Principal(user) },
        };
        var context = await _browser!.NewContextAsync(options);
        _contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var tab = new Tab(page);
        await page.GotoAsync(path);
        return tab;
    }

    /// <summary>The principal App Service Authentication would pass for <paramref name="user"/>: the same roles as its development user.</summary>
    private static string Principal(string user)
    {
        var roles = PipelineFixture.DevUsers.TryGetValue(user, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var claims = string.Concat(roles.Select(r => $$""",{"typ":"roles","val":"{{r}}"}"""));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"{{user}}"}{{claims}}]}"""));
    }
}

/// <summary>A browser page that remembers every script error and console error (a CSP violation shows up there too).</summary>
public sealed class Tab
{
    public IPage Page { get; }
    public ConcurrentQueue<string> Errors { get; } = new();

    public Tab(IPage page)
    {
        Page = page;
        // Chromium logs every 4xx/5xx fetch as "Failed to load resource"; the pages handle those (404 = feature absent, 412 = conflict).
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) Errors.Enqueue($"console: {m.Text}");
        };
        page.PageError += (_, e) => Errors.Enqueue($"page error: {e}");
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots at the repository root.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(name), FullPage = true });

    public void AssertNoErrors() => Assert.True(Errors.IsEmpty, "Errors in the page:\n" + string.Join('\n', Errors));

    /// <summary>True when the page is no wider than the viewport (nothing to scroll sideways).</summary>
    public Task<bool> FitsWidthAsync() => Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}

public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepoRoot(), "TestResults", "screenshots");

    public static string PathFor(string name)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, name);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
