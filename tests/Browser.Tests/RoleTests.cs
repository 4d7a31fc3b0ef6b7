using System.Net;
using System.Text.Json;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>
/// The pages as each single-role user sees them (development users of <see cref="PipelineFixture.DevUsers"/>; the roles
/// rules of docs/api.md): a coder works letters but gets no dashboard data, a manager reads the dashboard and the letters
/// but is offered no approve or reject, a payer uploads into its own folder and is told it has no access to the rest.
/// </summary>
public sealed class RoleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PipelineFixture Pipeline => browser.Pipeline;

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>The Medicare sample's cases (dropped once per fixture; a second drop is a no-op) once two have a drafted letter.</summary>
    private async Task<JsonElement> SeedMedicareAsync()
    {
        const string name = "medicare-part-b-2026-11-05.835";
        await Pipeline.DropAsync(name, File.ReadAllText(SamplePath(name)));
        return await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync("/api/cases?payer=15202"),
            c => c.EnumerateArray().Count(x => x.GetProperty("letterIds").GetArrayLength() > 0) >= 2, "two Medicare cases with letters");
    }

    private static async Task<string> LetterStatusAsync(HttpClient client, string letterId) =>
        (await ReadAsync(await client.GetAsync($"/api/letters/{letterId}"))).GetProperty("letter").GetProperty("status").GetString()!;

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Nothing a failed call would leave on a page: no "[object Object]", no bare status line.</summary>
    private static async Task AssertNoRawErrorAsync(Tab tab)
    {
        var text = await tab.Page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("[object Object]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The server answered", text, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Role_Coder_WorksTheQueue_ApprovesAndRejects_ButGetsNoDashboardData()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = await SeedMedicareAsync();
        var withLetters = cases.EnumerateArray().Where(c => c.GetProperty("status").GetString() == "Drafted" && c.GetProperty("letterIds").GetArrayLength() > 0).ToList();
        Assert.True(withLetters.Count >= 2, "two drafted Medicare cases");

        // Queue → case → letter → approve, as a user who holds only Coder.
        var tab = await browser.OpenAsync("/?payer=15202", user: "coder");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("#signed-in")).ToContainTextAsync("coder (Coder)");
        await Assertions.Expect(page.Locator("header nav a[href='/dashboard.html']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("header nav a[href='/drop.html']")).ToBeVisibleAsync();
        var top = withLetters[0];
        await page.Locator($"a.case-link[href='/case.html?id={top.GetProperty("id").GetString()}']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(top.GetProperty("patientControlNumber").GetString()!);
        await page.Locator("a.letter-link").First.ClickAsync();
        await Assertions.Expect(page.Locator("iframe.letter")).ToBeVisibleAsync();
        var approveId = new Uri(page.Url).Query.Split("id=")[1];
        await Assertions.Expect(page.Locator("#read-only")).ToHaveCountAsync(0);
        await page.Locator("#approve").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Approved");
        var approved = await ReadAsync(await Pipeline.Http.GetAsync($"/api/letters/{approveId}"));
        Assert.Equal("user:coder", approved.GetProperty("letter").GetProperty("approvedBy").GetString());
        await AssertNoRawErrorAsync(tab);
        tab.AssertNoErrors();

        // Reject another letter with a reason.
        var rejectId = withLetters[1].GetProperty("letterIds")[0].GetString()!;
        var second = await browser.OpenAsync($"/letter.html?id={rejectId}", user: "coder");
        await second.Page.Locator("#reason").FillAsync("Wrong appeal address for this payer.");
        await second.Page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Assertions.Expect(second.Page.Locator("#message")).ToContainTextAsync("Rejected");
        Assert.Equal("Rejected", await LetterStatusAsync(Pipeline.Http, rejectId));
        second.AssertNoErrors();

        // The dashboard is manager data: the API refuses a coder, and the page says why instead of showing figures.
        Assert.Equal(HttpStatusCode.Forbidden, (await Pipeline.ClientAs("coder").GetAsync("/api/metrics")).StatusCode);
        var dashboard = await browser.OpenAsync("/dashboard.html", user: "coder");
        var message = dashboard.Page.Locator("#message");
        await Assertions.Expect(message).ToContainTextAsync("The dashboard is for managers");
        await Assertions.Expect(message).ToContainTextAsync("Your account (Coder) has no access to the manager dashboard: it needs the Manager or Admin role.");
        await Assertions.Expect(dashboard.Page.Locator("#metrics .kpis, #metrics .charts")).ToHaveCountAsync(0);
        await Assertions.Expect(dashboard.Page.Locator("#csv")).ToBeHiddenAsync();
        await Assertions.Expect(dashboard.Page.Locator("#filters")).ToBeHiddenAsync();
        await AssertNoRawErrorAsync(dashboard);
        await dashboard.ScreenshotAsync("role-coder-dashboard-1280.png");
        dashboard.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Role_Manager_SeesTheDashboard_ButIsOfferedNoApproveOrReject()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = await SeedMedicareAsync();
        await MetricsSeeding.RollUpAsync(Pipeline);
        var letterId = cases.EnumerateArray().First(c => c.GetProperty("letterIds").GetArrayLength() > 0).GetProperty("letterIds")[0].GetString()!;

        var dashboard = await browser.OpenAsync("/dashboard.html", user: "manager");
        await Assertions.Expect(dashboard.Page.Locator("#metrics .kpis")).ToBeVisibleAsync();
        var report = await ReadAsync(await Pipeline.ClientAs("manager").GetAsync("/api/metrics"));
        await Assertions.Expect(dashboard.Page.Locator("[data-metric='claimsDenied'] .value"))
            .ToHaveTextAsync(report.GetProperty("totals").GetProperty("claimsDenied").GetInt64().ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(dashboard.Page.Locator("#csv")).ToBeVisibleAsync();
        dashboard.AssertNoErrors();

        // The letter reads, but approve, reject, edit and "mark submitted" are not offered: the API would answer 403.
        var manager = Pipeline.ClientAs("manager");
        var status = await LetterStatusAsync(manager, letterId);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.ApproveAsync(letterId)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/letters/{letterId}/reject",
            new StringContent("""{"reason":"no"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var tab = await browser.OpenAsync($"/letter.html?id={letterId}", user: "manager");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("iframe.letter")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#read-only")).ToContainTextAsync("Approving, rejecting and editing it need the Coder or Admin role");
        await Assertions.Expect(page.Locator("#approve")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#reject, #reason")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#edit, #fields, #submitted")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve and send" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#pdf")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#facts-h")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("role-manager-letter-1280.png");
        Assert.Equal(status, await LetterStatusAsync(Pipeline.Http, letterId)); // nothing changed
        await AssertNoRawErrorAsync(tab);
        tab.AssertNoErrors();

        // The drop page: a manager follows the files but has no upload form (POST /api/files is 403 for Manager).
        var drop = await browser.OpenAsync("/drop.html", user: "manager");
        await Assertions.Expect(drop.Page.Locator("#upload-note")).ToContainTextAsync("no access to uploading files");
        await Assertions.Expect(drop.Page.Locator("#upload")).ToBeHiddenAsync();
        await Assertions.Expect(drop.Page.Locator("#files table")).ToContainTextAsync("medicare-part-b-2026-11-05.835");
        drop.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Role_Payer_UploadsIntoItsOwnFolder_AndIsToldItHasNoAccessToCasesAndLetters()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = await SeedMedicareAsync();
        var someCase = cases.EnumerateArray().First(c => c.GetProperty("letterIds").GetArrayLength() > 0);
        var caseId = someCase.GetProperty("id").GetString()!;
        var letterId = someCase.GetProperty("letterIds")[0].GetString()!;

        // Upload: into drops/payer-acme/, and the list shows the payer's own files only (not the Medicare file).
        const string name = "acme-health-2026-11-12-with-errors.835";
        var tab = await browser.OpenAsync("/drop.html", user: "payer-acme");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("#upload-note")).ToContainTextAsync("Files you upload go into your own payer folder");
        await Assertions.Expect(page.Locator("header nav a[href='/']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("header nav a[href='/dashboard.html']")).ToBeHiddenAsync();
        await page.GetByLabel("Choose an 835 file").SetInputFilesAsync(SamplePath(name));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Done with errors", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("table.issues")).ToContainTextAsync("segment 28");
        await Assertions.Expect(page.Locator("#files table")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#files table")).Not.ToContainTextAsync("medicare-part-b-2026-11-05.835");
        await Assertions.Expect(page.Locator("#files button.retry")).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("role-payer-drop-1280.png");
        var files = await ReadAsync(await Pipeline.ClientAs("payer-acme").GetAsync("/api/files"));
        var file = Assert.Single(files.EnumerateArray());
        Assert.Equal("payer-acme", file.GetProperty("payerFolder").GetString());
        Assert.Equal("payer-acme", file.GetProperty("uploadedBy").GetString()!.Replace("user:", "", StringComparison.Ordinal));
        await AssertNoRawErrorAsync(tab);
        tab.AssertNoErrors();

        // The queue, a case, a letter, the dashboard: each says the payer has no access, offers nothing, and does not break.
        string[][] pages =
        [
            ["/", "no access to the work queue, cases and letters"],
            [$"/case.html?id={caseId}", "no access to the work queue, cases and letters"],
            [$"/letter.html?id={letterId}", "no access to the work queue, cases and letters"],
            ["/dashboard.html", "no access to the manager dashboard"],
        ];
        foreach (var p in pages)
        {
            var other = await browser.OpenAsync(p[0], user: "payer-acme");
            var message = other.Page.Locator("#message");
            await Assertions.Expect(message).ToContainTextAsync($"Your account (Payer) has {p[1]}");
            await Assertions.Expect(other.Page.Locator("main table, main iframe, #approve, #reject, a.case-link, .kpis")).ToHaveCountAsync(0);
            await AssertNoRawErrorAsync(other);
            Assert.True(await other.FitsWidthAsync(), $"{p[0]} is wider than the window");
            other.AssertNoErrors();
        }
        var queue = await browser.OpenAsync("/", user: "payer-acme", width: 390, height: 844);
        await Assertions.Expect(queue.Page.Locator("#message")).ToContainTextAsync("no access");
        await Assertions.Expect(queue.Page.Locator("#filters")).ToBeHiddenAsync();
        await queue.ScreenshotAsync("role-payer-queue-390.png");
        Assert.True(await queue.FitsWidthAsync(), "the queue is wider than 390 px for a payer");
        queue.AssertNoErrors();
    }
}
