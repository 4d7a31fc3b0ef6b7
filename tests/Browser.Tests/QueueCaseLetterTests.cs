using System.Globalization;
using System.Text.Json;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>
/// The work queue, the case page and the letter page requirement by requirement (issue #8), on a pipeline of its own:
/// the Medicare sample with its notice dated 122 days ago, so its appeal deadlines (notice + 5 + 120 days) fall in
/// 3 days (red in the queue) while its corrected claim's timely-filing deadline stays months away.
/// </summary>
public sealed class QueueCaseLetterTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PipelineFixture Pipeline => browser.Pipeline;
    private const string MedicareId = "15202";
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    private async Task<JsonElement> SeedAsync()
    {
        const string name = "medicare-part-b-2026-11-05.835";
        var notice = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-122).ToString("yyyyMMdd", Us);
        var content = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name))
            .Replace("*20261105~", $"*{notice}~", StringComparison.Ordinal)   // BPR16
            .Replace("DTM*405*20261104~", $"DTM*405*{notice}~", StringComparison.Ordinal);
        await Pipeline.DropAsync("medicare-near-deadline.835", content);
        return await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync($"/api/cases?payer={MedicareId}"),
            // Drafted, or further on: the letter tests here approve, send and submit some of them.
            c => c.EnumerateArray().Count(x => x.GetProperty("letterIds").GetArrayLength() > 0) == 4, "4 Medicare cases with a letter");
    }

    private static string Money(decimal v) => v.ToString("$#,##0.00", Us);

    private static int? DaysLeft(JsonElement c) =>
        c.GetProperty("deadline").ValueKind == JsonValueKind.Null ? null
            : DateOnly.Parse(c.GetProperty("deadline").GetString()!, Us).DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber;

    private static ILocator Row(IPage page, string pcn) =>
        page.Locator("table.queue tbody tr", new() { Has = page.Locator("a.case-link", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{pcn}$") }) });

    [SkippableFact]
    public async Task Queue_ShowsAmount_DaysLeftRedUnder7_AndThePlainEnglishReason()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = (await SeedAsync()).EnumerateArray().ToList();
        Assert.Contains(cases, c => DaysLeft(c) is < 7);
        Assert.Contains(cases, c => DaysLeft(c) is >= 14);

        var tab = await browser.OpenAsync($"/?payer={MedicareId}");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(cases.Count);
        foreach (var c in cases)
        {
            var row = Row(page, c.GetProperty("patientControlNumber").GetString()!);
            await Assertions.Expect(row.Locator("td[data-label='Denied']")).ToHaveTextAsync(Money(c.GetProperty("denied").GetDecimal()));
            var summary = c.GetProperty("summary").GetString();
            Assert.False(string.IsNullOrWhiteSpace(summary), "a researched case has a plain-English summary");
            await Assertions.Expect(row.Locator("td[data-label='Reason']")).ToHaveTextAsync(summary!);
            var days = row.Locator("td[data-label='Days left'] .days");
            var left = DaysLeft(c);
            if (left is null) continue;
            await Assertions.Expect(days).ToHaveTextAsync(left == 1 ? "1 day" : left == 0 ? "due today" : $"{left} days");
            var colour = await days.EvaluateAsync<string>("e => getComputedStyle(e).color");
            if (left < 7) Assert.Equal("rgb(180, 35, 24)", colour); // --red
            else Assert.NotEqual("rgb(180, 35, 24)", colour);
        }
        await tab.ScreenshotAsync("queue-near-deadline-1280.png");
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Queue_Filters_ByStatusPayerCategoryActionAndDeadlineWindow_AndSorts()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var all = (await SeedAsync()).EnumerateArray().ToList();
        var tab = await browser.OpenAsync("/");
        var page = tab.Page;
        var rows = page.Locator("table.queue tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync((await Pipeline.GetJsonAsync("/api/cases")).GetArrayLength());

        async Task ExpectRowsAsync(IEnumerable<JsonElement> expected, string what)
        {
            var pcns = expected.Select(c => c.GetProperty("patientControlNumber").GetString()!).ToList();
            Assert.True(pcns.Count > 0, $"the seeded cases include some for {what}");
            await Assertions.Expect(rows).ToHaveCountAsync(pcns.Count);
            foreach (var pcn in pcns) await Assertions.Expect(Row(page, pcn)).ToHaveCountAsync(1);
        }

        // Category and action: the select, the API's answer, the address bar.
        var category = all.First(c => c.GetProperty("category").GetString() is { Length: > 0 }).GetProperty("category").GetString()!;
        await page.GetByLabel("Category").SelectOptionAsync(category);
        await ExpectRowsAsync(all.Where(c => c.GetProperty("category").GetString() == category), $"category {category}");
        Assert.Contains($"category={category}", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Category").SelectOptionAsync("");

        var action = all.Select(c => c.GetProperty("action").GetString()).First(a => a is { Length: > 0 } && all.Count(c => c.GetProperty("action").GetString() == a) < all.Count)!;
        await page.GetByLabel("Action").SelectOptionAsync(action);
        await ExpectRowsAsync(all.Where(c => c.GetProperty("action").GetString() == action), $"action {action}");
        await page.GetByLabel("Action").SelectOptionAsync("");

        // Deadline window (worked out in the page from each case's deadline).
        await page.GetByLabel("Deadline").SelectOptionAsync("7");
        await ExpectRowsAsync(all.Where(c => DaysLeft(c) is <= 7), "a deadline within 7 days");
        Assert.Contains("deadline=7", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Deadline").SelectOptionAsync("");

        // Status.
        await page.GetByLabel("Status").SelectOptionAsync("Drafted");
        await ExpectRowsAsync(all.Where(c => c.GetProperty("status").GetString() == "Drafted"), "status Drafted");
        await page.GetByLabel("Status").SelectOptionAsync("Upheld");
        await Assertions.Expect(page.Locator("#cases")).ToContainTextAsync("No cases match these filters.");
        await page.GetByLabel("Status").SelectOptionAsync("");

        // Payer, by part of its name; a payer with no case.
        await page.GetByLabel("Payer").FillAsync("medicare");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await ExpectRowsAsync(all, "payer name 'medicare'");
        await page.GetByLabel("Payer").FillAsync("no such payer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cases")).ToContainTextAsync("No cases match these filters.");
        await page.GetByLabel("Payer").FillAsync("");

        // Sort by deadline: the API's order.
        await page.GetByLabel("Sort by").SelectOptionAsync("deadline");
        var byDeadline = await Pipeline.GetJsonAsync("/api/cases?sort=deadline");
        await Assertions.Expect(rows.First.Locator("a.case-link")).ToHaveTextAsync(byDeadline[0].GetProperty("patientControlNumber").GetString()!);
        await Assertions.Expect(page.Locator("table.queue caption")).ToContainTextAsync("earliest deadline first");
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Case_ShowsTheClaim_ItsLines_EveryCodeInPlainEnglish_Evidence_Action_Deadline_Letters_History()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = (await SeedAsync()).EnumerateArray().ToList();
        var c = cases.First(x => x.GetProperty("patientControlNumber").GetString() == "PCN1001"); // CO-197, RARC N54, appeal in 3 days
        var id = c.GetProperty("id").GetString()!;
        var detail = await Pipeline.GetJsonAsync($"/api/cases/{id}");
        var claim = detail.GetProperty("claim");
        var codes = await Pipeline.GetJsonAsync("/api/codes?group=CO&carc=197&rarc=N54");
        string Text(string kind, string code) => codes.EnumerateArray().Single(x => x.GetProperty("kind").GetString() == kind && x.GetProperty("code").GetString() == code).GetProperty("text").GetString()!;

        var tab = await browser.OpenAsync($"/case.html?id={id}");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("PCN1001");

        // Why: each CARC with its group, amount and plain English; each RARC in plain English.
        var reasons = page.Locator("ul.reasons li");
        await Assertions.Expect(reasons).ToHaveCountAsync(1);
        await Assertions.Expect(reasons.First).ToContainTextAsync("CO-197");
        await Assertions.Expect(reasons.First).ToContainTextAsync(Text("carc", "197"));
        await Assertions.Expect(reasons.First).ToContainTextAsync(Text("group", "CO"));
        await Assertions.Expect(page.Locator("ul.remarks li")).ToContainTextAsync("N54");
        await Assertions.Expect(page.Locator("ul.remarks li")).ToContainTextAsync(Text("rarc", "N54"));

        // The claim and its lines.
        await Assertions.Expect(page.Locator("#claim-h + dl")).ToContainTextAsync(claim.GetProperty("patientName").GetString()!);
        await Assertions.Expect(page.Locator("#claim-h + dl")).ToContainTextAsync(c.GetProperty("payerClaimNumber").GetString()!);
        var lines = page.Locator("section[aria-labelledby='claim-h'] table tbody tr");
        await Assertions.Expect(lines).ToHaveCountAsync(claim.GetProperty("lines").GetArrayLength());
        await Assertions.Expect(lines.First).ToContainTextAsync("99214");

        // What to do: the action, the deadline (red: 3 days), the evidence.
        var research = detail.GetProperty("research");
        var what = page.Locator("section[aria-labelledby='rec-h']");
        await Assertions.Expect(what.Locator("dl.facts dd").First).ToHaveTextAsync(Words(c.GetProperty("action").GetString()!));
        await Assertions.Expect(what.Locator(".days.urgent")).ToHaveTextAsync($"{DaysLeft(c)} days");
        await Assertions.Expect(what.Locator("ul.evidence > li")).ToHaveCountAsync(research.GetProperty("evidence").GetArrayLength());

        // The letters and the history.
        await Assertions.Expect(page.Locator("ul.letters > li")).ToHaveCountAsync(detail.GetProperty("letters").GetArrayLength());
        await Assertions.Expect(page.Locator("ol.history > li")).ToHaveCountAsync(detail.GetProperty("history").GetArrayLength());
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Letter_BesideTheCaseFacts_PdfDownload_EarlierVersion_RejectNeedsAReason_StaleEditConflict_MarkSubmitted()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = (await SeedAsync()).EnumerateArray().ToList();
        JsonElement c = default;
        string letterId = "";
        foreach (var x in cases.Where(x => x.GetProperty("patientControlNumber").GetString() != "PCN1001" && x.GetProperty("status").GetString() == "Drafted"))
        {
            var id = x.GetProperty("letterIds")[0].GetString()!;
            var l = await Pipeline.GetJsonAsync($"/api/letters/{id}");
            if (l.GetProperty("missingFields").GetArrayLength() == 0 && l.GetProperty("letter").GetProperty("status").GetString() == "PendingApproval") { c = x; letterId = id; break; }
        }
        Assert.NotEqual("", letterId);

        var tab = await browser.OpenAsync($"/letter.html?id={letterId}", user: "coder");
        var stale = await browser.OpenAsync($"/letter.html?id={letterId}", user: "coder2");
        var page = tab.Page;
        var message = page.Locator("#message");
        await Assertions.Expect(page.Locator("iframe.letter")).ToBeVisibleAsync();
        await Assertions.Expect(stale.Page.Locator("#approve")).ToBeEnabledAsync();

        // The case facts beside the letter.
        var facts = page.Locator("section[aria-labelledby='facts-h']");
        await Assertions.Expect(facts).ToContainTextAsync(c.GetProperty("patientControlNumber").GetString()!);
        await Assertions.Expect(facts).ToContainTextAsync(Money(c.GetProperty("denied").GetDecimal()));
        await Assertions.Expect(facts).ToContainTextAsync(c.GetProperty("summary").GetString()!);
        await Assertions.Expect(page.Locator("#missing")).ToContainTextAsync("None");

        // The PDF downloads. A download started by an <a download> link goes out without the test's extra headers (the
        // development sign-in header): sign in the way a coder does locally, with the development user cookie.
        Assert.True((await page.Context.APIRequest.PostAsync("/dev/signin?user=coder")).Ok, "the development sign-in");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#pdf").ClickAsync());
        Assert.Null(await download.FailureAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.True(pdf.Length > 1000 && System.Text.Encoding.ASCII.GetString(pdf, 0, 5) == "%PDF-", "the download is a PDF");

        // Rejecting without a reason is refused on the page; nothing changes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("Write a reason before you reject the letter.");
        await Assertions.Expect(page.Locator("#reason")).ToBeFocusedAsync();
        Assert.Equal("PendingApproval", (await Pipeline.GetJsonAsync($"/api/letters/{letterId}")).GetProperty("letter").GetProperty("status").GetString());

        // Edit: version 2; version 1 stays readable.
        const string added = "Checked against the chart by the coding team.";
        await page.Locator("#edit summary").ClickAsync();
        var html = await page.Locator("#html").InputValueAsync();
        await page.Locator("#html").FillAsync(html + $"<p>{added}</p>");
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("version 2");
        await Assertions.Expect(page.FrameLocator("iframe.letter").Locator("body")).ToContainTextAsync(added);
        await page.GetByRole(AriaRole.Button, new() { Name = "Version 1", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-h")).ToHaveTextAsync("Version 1 (an earlier version)");
        await Assertions.Expect(page.Locator("#preview-h")).ToBeFocusedAsync();
        await Assertions.Expect(page.FrameLocator("iframe.letter").Locator("body")).Not.ToContainTextAsync(added);
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to the current version" }).ClickAsync();
        await Assertions.Expect(page.FrameLocator("iframe.letter").Locator("body")).ToContainTextAsync(added);

        // The second coder still looks at version 1: their edit is refused with the conflict message, nothing saved.
        await stale.Page.Locator("#edit summary").ClickAsync();
        await stale.Page.Locator("#html").FillAsync("<p>Overwrite</p>");
        await stale.Page.Locator("#save").ClickAsync();
        await Assertions.Expect(stale.Page.Locator("#message")).ToContainTextAsync("Another coder changed this letter first");
        await Assertions.Expect(stale.Page.Locator("#reload")).ToBeFocusedAsync();
        Assert.Equal(2, (await Pipeline.GetJsonAsync($"/api/letters/{letterId}")).GetProperty("letter").GetProperty("version").GetInt32());

        // Approve, see it sent, then mark it submitted through the payer's portal.
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and send" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("Sent to", new() { Timeout = 60_000 });
        await page.GetByLabel("How").SelectOptionAsync("portal");
        await page.GetByLabel("Confirmation or tracking number").FillAsync("PORTAL-4711");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark submitted" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync("Marked submitted by portal (PORTAL-4711).");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Submitted");
        var letter = (await Pipeline.GetJsonAsync($"/api/letters/{letterId}")).GetProperty("letter");
        Assert.Equal("Submitted", letter.GetProperty("status").GetString());
        Assert.Equal("Submitted", (await Pipeline.GetJsonAsync($"/api/cases/{c.GetProperty("id").GetString()}")).GetProperty("case").GetProperty("status").GetString());
        await tab.ScreenshotAsync("letter-submitted-1280.png");
        tab.AssertNoErrors();
        stale.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Dashboard_EveryChartShowsTheApisNumbers_AndTheFiltersReachTheApiAndTheCsv()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        await SeedAsync();
        await MetricsSeeding.RollUpAsync(Pipeline);
        var report = await Pipeline.GetJsonAsync("/api/metrics");
        var tab = await browser.OpenAsync("/dashboard.html");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("#metrics .kpis")).ToBeVisibleAsync();

        var totals = report.GetProperty("totals");
        await Assertions.Expect(page.Locator("[data-metric='overturnRate'] .value")).ToHaveTextAsync(Rate(totals.GetProperty("overturnRate")));
        await Assertions.Expect(page.Locator("[data-metric='medianDaysToResolution'] .value")).ToHaveTextAsync(Days(totals.GetProperty("medianDaysToResolution")));
        await Assertions.Expect(page.Locator("[data-metric='p90DaysToResolution'] .value")).ToHaveTextAsync(Days(totals.GetProperty("p90DaysToResolution")));

        // Every chart: its bars, in order, each with the API's figure (the chart's accessible name lists them).
        var months = report.GetProperty("byMonth").EnumerateArray().ToList();
        await ExpectChartAsync(page, "chart-month", months.Select(m => (m.GetProperty("key").GetString()!, Count(m.GetProperty("claimsDenied")))));
        await ExpectChartAsync(page, "chart-carc", report.GetProperty("byCarc").EnumerateArray().Take(10)
            .Select(c => (c.GetProperty("carc").GetString()!, Count(c.GetProperty("claimsDenied")))));
        // Top categories: the largest denied amount first.
        var categories = report.GetProperty("byCategory").EnumerateArray().OrderByDescending(c => c.GetProperty("amountDenied").GetDecimal()).ToList();
        Assert.True(categories.Count >= 2, "the seeded scenario has several categories");
        await ExpectChartAsync(page, "chart-category", categories.Select(c => (Words(c.GetProperty("key").GetString()!), Money(c.GetProperty("amountDenied").GetDecimal()))));
        await ExpectChartAsync(page, "chart-payer", report.GetProperty("byPayer").EnumerateArray()
            .Select(p => (p.GetProperty("key").GetString()!, Money(p.GetProperty("amountDenied").GetDecimal()))));
        await ExpectChartAsync(page, "chart-coder", report.GetProperty("byCoder").EnumerateArray()
            .Select(c => (c.GetProperty("key").GetString()!.Replace("user:", "", StringComparison.Ordinal), Count(c.GetProperty("lettersApproved")))));
        var open = report.GetProperty("openCases");
        await ExpectChartAsync(page, "chart-age", open.GetProperty("byAge").EnumerateObject().Select(b => (b.Name, Count(b.Value))));
        Assert.True(open.GetProperty("byDaysToDeadline").GetProperty("0-7").GetInt64() >= 2, "the appeals due in 3 days are open cases due within 7 days");
        await ExpectChartAsync(page, "chart-deadline", open.GetProperty("byDaysToDeadline").EnumerateObject().Select(b => (b.Name, Count(b.Value))));

        // Filters: the page asks the API with them, shows its answer, keeps them in the address, and the CSV link carries them.
        var month = months.Last(m => m.GetProperty("claimsDenied").GetInt64() > 0).GetProperty("key").GetString()!;
        await page.GetByLabel("From month").FillAsync(month);
        await page.GetByLabel("Payer id").FillAsync(MedicareId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var query = $"from={month}&payer={MedicareId}";
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync($"{month} to ");
        await Assertions.Expect(page.Locator("#period")).ToContainTextAsync($"payer {MedicareId}");
        var filtered = await Pipeline.GetJsonAsync($"/api/metrics?{query}");
        await Assertions.Expect(page.Locator("[data-metric='claimsDenied'] .value")).ToHaveTextAsync(Count(filtered.GetProperty("totals").GetProperty("claimsDenied")));
        await Assertions.Expect(page.Locator("[data-metric='amountDenied'] .value")).ToHaveTextAsync(Money(filtered.GetProperty("totals").GetProperty("amountDenied").GetDecimal()));
        Assert.EndsWith($"?{query}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#csv")).ToHaveAttributeAsync("href", $"/api/metrics.csv?{query}");
        Assert.True((await page.Context.APIRequest.PostAsync("/dev/signin?user=tester")).Ok, "the development sign-in"); // <a download> goes out without the test's headers
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#csv").ClickAsync());
        Assert.Null(await download.FailureAsync());
        var expected = await (await Pipeline.Http.GetAsync($"/api/metrics.csv?{query}")).Content.ReadAsStringAsync();
        Assert.Equal(expected, await File.ReadAllTextAsync((await download.PathAsync())!));

        await page.GetByLabel("Payer id").FillAsync("99999");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-metrics")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-metric='claimsDenied'] .value")).ToHaveTextAsync("0");
        await tab.ScreenshotAsync("dashboard-filtered-1280.png");
        tab.AssertNoErrors();
    }

    private static async Task ExpectChartAsync(IPage page, string id, IEnumerable<(string Label, string Value)> bars)
    {
        var list = bars.ToList();
        var chart = page.Locator($"#{id} svg.chart");
        await Assertions.Expect(chart.Locator("rect.bar")).ToHaveCountAsync(list.Count);
        var title = await page.Locator($"#{id}-h").InnerTextAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", $"{title}: {string.Join("; ", list.Select(b => $"{b.Label} {b.Value}"))}");
    }

    private static string Count(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "—" : v.GetInt64().ToString("N0", Us);
    private static string Rate(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "—" : (v.GetDouble() * 100).ToString("0.0", Us) + "%";
    private static string Days(JsonElement v) => v.ValueKind == JsonValueKind.Null ? "—" : v.GetDouble().ToString("#,##0.#", Us) + " days";

    [SkippableFact]
    public async Task KeyboardAlone_EditsAndApprovesALetter_AndKeepsTheFocusOnTheLetterAfterEachStep()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = (await SeedAsync()).EnumerateArray().OrderBy(x => x.GetProperty("patientControlNumber").GetString() == "PCN1001" ? 0 : 1).ToList();
        string? letterId = null;
        foreach (var id in cases.Where(x => x.GetProperty("letterIds").GetArrayLength() > 0).Select(x => x.GetProperty("letterIds")[0].GetString()!))
        {
            var l = await Pipeline.GetJsonAsync($"/api/letters/{id}");
            if (l.GetProperty("missingFields").GetArrayLength() == 0 && l.GetProperty("letter").GetProperty("status").GetString() == "PendingApproval") { letterId = id; break; }
        }
        Assert.NotNull(letterId);
        var tab = await browser.OpenAsync($"/letter.html?id={letterId}", user: "coder");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("iframe.letter")).ToBeVisibleAsync();
        const string focusedIsH1 = "() => document.activeElement?.tagName === 'H1'";

        await TabToAsync(page, "#edit summary");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "#html");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.InsertTextAsync("<p>Typed with the keyboard.</p>");
        await TabToAsync(page, "#save");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("version 2");
        Assert.True(await page.EvaluateAsync<bool>(focusedIsH1), "after saving, the focus is on the letter's heading, not lost");

        await TabToAsync(page, "#approve");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Sent to", new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>(focusedIsH1), "after approving, the focus is on the letter's heading, not lost");
        await TabToAsync(page, "#reference"); // mark submitted, reached from there
        tab.AssertNoErrors();
    }

    private static async Task TabToAsync(IPage page, string selector, int maxTabs = 60)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} was not reached with the Tab key in {maxTabs} presses.");
    }

    /// <summary>Form controls, links, buttons, frames, charts and progress bars with no name a screen reader could read out.</summary>
    private const string UnnamedControls = """
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, iframe, a[href], svg[role=img], progress, summary')]
          .filter(el => !el.closest('[hidden]') && getComputedStyle(el).display !== 'none')
          .filter(el => {
            const t = (s) => (s ?? '').trim();
            if (el.labels && [...el.labels].some((l) => t(l.textContent))) return false;
            if (t(el.getAttribute('aria-label')) || t(el.getAttribute('title'))) return false;
            const by = el.getAttribute('aria-labelledby');
            if (by && by.split(' ').some((id) => t(document.getElementById(id)?.textContent))) return false;
            return !(['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) && t(el.textContent));
          })
          .map((el) => el.outerHTML.slice(0, 160))
        """;

    /// <summary>Tables that only fit by scrolling sideways inside their box (the page itself may still fit).</summary>
    private const string TablesScrollingSideways = """
        () => [...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1)
          .map((w) => `${w.querySelector('caption')?.textContent ?? w.id}: ${w.scrollWidth} > ${w.clientWidth} px`)
        """;

    [SkippableFact]
    public async Task EveryPage_WithData_NamesEveryControl_AndFitsAPhoneAndA1280Screen_WithoutSidewaysTables()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = (await SeedAsync()).EnumerateArray().ToList();
        await MetricsSeeding.RollUpAsync(Pipeline);
        var c = cases.First(x => x.GetProperty("letterIds").GetArrayLength() > 0);
        var pending = cases.Select(x => x.GetProperty("letterIds")[0].GetString()!)
            .First(id => Pipeline.GetJsonAsync($"/api/letters/{id}").Result.GetProperty("letter").GetProperty("status").GetString() == "PendingApproval");
        string[][] pages =
        [
            ["queue", "/", "a.case-link"],
            ["case", $"/case.html?id={c.GetProperty("id").GetString()}", "#history-h"],
            ["letter", $"/letter.html?id={pending}", "iframe.letter"],
            ["dashboard", "/dashboard.html", "#metrics .kpis"],
            ["drop", "/drop.html", "#files table"],
        ];
        foreach (var width in new[] { 375, 1280 })
            foreach (var p in pages)
            {
                var tab = await browser.OpenAsync(p[1], width: width, height: width == 375 ? 812 : 900);
                await Assertions.Expect(tab.Page.Locator(p[2]).First).ToBeVisibleAsync();
                if (p[0] == "letter") await tab.Page.Locator("#edit summary").ClickAsync(); // the edit form open too
                Assert.Equal("en", await tab.Page.EvaluateAsync<string>("() => document.documentElement.lang"));
                await Assertions.Expect(tab.Page.Locator("h1")).ToHaveCountAsync(1);
                Assert.Empty(await tab.Page.EvaluateAsync<string[]>(UnnamedControls));
                Assert.True(await tab.FitsWidthAsync(), $"{p[0]} is wider than {width} px");
                var sideways = await tab.Page.EvaluateAsync<string[]>(TablesScrollingSideways);
                Assert.True(sideways.Length == 0, $"{p[0]} at {width} px: tables scroll sideways: {string.Join("; ", sideways)}");
                if (width == 375) await tab.ScreenshotAsync($"{p[0]}-data-375.png");
                tab.AssertNoErrors();
            }
    }

    /// <summary>dashboard.js's and ui.js's words(): "CorrectedClaim" → "Corrected claim".</summary>
    private static string Words(string name)
    {
        var s = System.Text.RegularExpressions.Regex.Replace(name, "([a-z])([A-Z])", "$1 $2").ToLowerInvariant();
        return char.ToUpperInvariant(s[0]) + s[1..];
    }
}
