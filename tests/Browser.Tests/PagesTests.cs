using System.Text.Json;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>The drop page, the dashboard, keyboard-only use and phone width, on one seeded pipeline.</summary>
public sealed class PagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PipelineFixture Pipeline => browser.Pipeline;

    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private async Task<JsonElement> SeedMedicareAsync()
    {
        const string name = "medicare-part-b-2026-11-05.835";
        await Pipeline.DropAsync(name, File.ReadAllText(SamplePath(name)));
        return await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync("/api/cases?payer=15202"),
            c => c.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Drafted") == 4, "4 drafted Medicare cases");
    }

    [SkippableFact]
    public async Task DropPage_UploadsAFile_ShowsProgress_AndErrorsWithSegmentNumbers()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var tab = await browser.OpenAsync("/drop.html");
        var page = tab.Page;
        await page.GetByLabel("Choose an 835 file").SetInputFilesAsync(SamplePath("acme-health-2026-11-12-with-errors.835"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Done with errors", new() { Timeout = 60_000 });
        var issues = page.Locator("table.issues");
        await Assertions.Expect(issues).ToContainTextAsync("segment 28");
        await Assertions.Expect(issues).ToContainTextAsync("segment 30");
        await Assertions.Expect(page.Locator("#files table")).ToContainTextAsync("acme-health-2026-11-12-with-errors.835");
        await tab.ScreenshotAsync("drop-1280.png");

        var files = await Pipeline.GetJsonAsync("/api/files");
        var file = files.EnumerateArray().Single(f => f.GetProperty("blobName").GetString() == "acme-health-2026-11-12-with-errors.835");
        await Assertions.Expect(page.Locator("#claims-read")).ToHaveTextAsync(file.GetProperty("claimsRead").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task DropPage_CsvReport_ShowsItsMapping_AndErrorsWithRowAndColumn()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var tab = await browser.OpenAsync("/drop.html");
        var page = tab.Page;
        const string report = "Patient Control Number,Payer ID,Payer Name,Billed Amount,Reason Code,Adjustment Amount\n" +
            "WEBCSV1,55001,WEB PLAN,100.00,16,100.00\n" +
            "WEBCSV2,55001,WEB PLAN,50.00,16,\"50,0\"\n";
        await page.GetByLabel("Choose an 835 file or a CSV denial report").SetInputFilesAsync(new FilePayload
        {
            Name = "web-denials.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(report),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("see the row numbers below", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#csv-mapping")).ToContainTextAsync("Generic denial report");
        var issues = page.Locator("table.issues");
        await Assertions.Expect(issues.Locator("th").Nth(1)).ToHaveTextAsync("Row");
        await Assertions.Expect(issues).ToContainTextAsync("row 3, column Adjustment Amount");
        await Assertions.Expect(page.Locator("#claims-read")).ToHaveTextAsync("2");
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Dashboard_ShowsTheSameNumbersAsTheApi_ForASeededScenario()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        await SeedMedicareAsync();
        // A letter approved by "coder" (an ACME one: the other tests here use the Medicare letters still pending).
        const string acme = "acme-health-2026-11-05.835";
        await Pipeline.DropAsync(acme, File.ReadAllText(SamplePath(acme)));
        var acmeCases = await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync("/api/cases?payer=87726"),
            c => c.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "Drafted"), "a drafted ACME case");
        var acmeLetter = acmeCases.EnumerateArray().First(c => c.GetProperty("status").GetString() == "Drafted").GetProperty("letterIds")[0].GetString()!;
        var approved = await Pipeline.ClientAs("coder").ApproveAsync(acmeLetter);
        Assert.True(approved.IsSuccessStatusCode, $"approving answered {(int)approved.StatusCode}");
        await SeedOverturnAsync();
        await MetricsSeeding.RollUpAsync(Pipeline);
        var api = await Pipeline.Http.GetAsync("/api/metrics");
        var tab = await browser.OpenAsync("/dashboard.html");
        Assert.Equal(System.Net.HttpStatusCode.OK, api.StatusCode);
        {
            var report = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
            var totals = report.GetProperty("totals");
            Assert.True(totals.GetProperty("claimsDenied").GetInt64() >= 4, "the seeded scenario has at least the four Medicare denials");
            Assert.NotEmpty(report.GetProperty("byCarc").EnumerateArray());
            foreach (var (key, text) in new[]
            {
                ("claimsReceived", Count(totals, "claimsReceived")), ("claimsDenied", Count(totals, "claimsDenied")),
                ("amountDenied", Money(totals, "amountDenied")), ("denialRate", Rate(totals, "denialRate")),
                ("amountRecovered", Money(totals, "amountRecovered")), ("lettersApproved", Count(totals, "lettersApproved")),
                ("deadlinesMissed", Count(totals, "deadlinesMissed")), ("openCases", Count(report.GetProperty("openCases"), "total")),
            })
                await Assertions.Expect(tab.Page.Locator($"[data-metric='{key}'] .value")).ToHaveTextAsync(text);
            foreach (var carc in report.GetProperty("byCarc").EnumerateArray())
            {
                var row = tab.Page.Locator($"table[data-table='By CARC'] tr[data-key='{carc.GetProperty("carc").GetString()}']");
                await Assertions.Expect(row.Locator("[data-field='claimsDenied']")).ToHaveTextAsync(Count(carc, "claimsDenied"));
                await Assertions.Expect(row.Locator("[data-field='amountDenied']")).ToHaveTextAsync(Money(carc, "amountDenied"));
            }
            foreach (var payer in report.GetProperty("byPayer").EnumerateArray())
            {
                var row = tab.Page.Locator($"table[data-table='By payer'] tr[data-key='{payer.GetProperty("key").GetString()}']");
                await Assertions.Expect(row.Locator("[data-field='amountDenied']")).ToHaveTextAsync(Money(payer, "amountDenied"));
            }
            // Letters approved per coder: in the coder table, one row per coder, beside what they resolved.
            var byCoder = report.GetProperty("byCoder").EnumerateArray().ToList();
            Assert.Contains(byCoder, c => c.GetProperty("key").GetString()!.EndsWith("coder", StringComparison.Ordinal) && c.GetProperty("lettersApproved").GetInt64() == 1);
            var coderTable = tab.Page.Locator("table[data-table='By coder']");
            await Assertions.Expect(coderTable.Locator("thead")).ToContainTextAsync("Letters approved");
            foreach (var coder in byCoder)
            {
                var row = coderTable.Locator($"tr[data-key='{coder.GetProperty("key").GetString()}']");
                await Assertions.Expect(row.Locator("[data-field='lettersApproved']")).ToHaveTextAsync(Count(coder, "lettersApproved"));
                await Assertions.Expect(row.Locator("[data-field='resolved']")).ToHaveTextAsync(Count(coder, "resolved"));
            }
            // Overturn rate by payer and by category, amount recovered by month: each chart beside a table of the same numbers.
            var decidedPayers = report.GetProperty("byPayer").EnumerateArray().Where(Decided).ToList();
            Assert.Contains(decidedPayers, p => p.GetProperty("key").GetString() == OverturnPayer && p.GetProperty("overturnRate").GetDouble() == 1.0);
            await ExpectChartAndTableAsync(tab.Page, "chart-overturn-payer", "Overturn rate by payer", decidedPayers, p => p.GetProperty("key").GetString()!,
                p => Rate(p, "overturnRate"), [("overturned", p => Count(p, "overturned")), ("upheld", p => Count(p, "upheld")), ("overturnRate", p => Rate(p, "overturnRate"))]);
            var decidedCategories = report.GetProperty("byCategory").EnumerateArray().Where(Decided).ToList();
            Assert.NotEmpty(decidedCategories);
            await ExpectChartAndTableAsync(tab.Page, "chart-overturn-category", "Overturn rate by category", decidedCategories, c => Words(c.GetProperty("key").GetString()!),
                c => Rate(c, "overturnRate"), [("overturnRate", c => Rate(c, "overturnRate"))]);
            var months = report.GetProperty("byMonth").EnumerateArray().ToList();
            Assert.Contains(months, m => m.GetProperty("amountRecovered").GetDecimal() == 600m);
            await ExpectChartAndTableAsync(tab.Page, "chart-recovered", "Recovered by month", months, m => m.GetProperty("key").GetString()!,
                m => Money(m, "amountRecovered"), [("amountRecovered", m => Money(m, "amountRecovered")), ("overturned", m => Count(m, "overturned"))]);

            var csv = await Pipeline.Http.GetAsync("/api/metrics.csv");
            Assert.Equal("/api/metrics.csv", await tab.Page.Locator("#csv").GetAttributeAsync("href"));
            Assert.True(csv.IsSuccessStatusCode);
        }
        await tab.ScreenshotAsync("dashboard-1280.png");
        tab.AssertNoErrors();
    }

    private const string OverturnPayer = "77001";

    /// <summary>A denial for payer 77001 that a later remittance pays (600 of 640): the case closes Overturned, 600 recovered.</summary>
    private async Task SeedOverturnAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Pipeline.DropAsync("overturn-denial.835", Remit835.Build(OverturnPayer, "OVERTURN HEALTH", today.AddDays(-40), "OVT1",
            Clp.DeniedClaim("OVT-PCN-1", "OVTICN1", 640m, "1999999999", "50")));
        var opened = await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync($"/api/cases?payer={OverturnPayer}"),
            c => c.GetArrayLength() == 1 && c[0].GetProperty("status").GetString() != "New", "the overturn case to be researched");
        var caseId = opened[0].GetProperty("id").GetString()!;
        await Pipeline.DropAsync("overturn-payment.835", Remit835.Build(OverturnPayer, "OVERTURN HEALTH", today.AddDays(-1), "OVT2",
            Clp.PaidClaim("OVT-PCN-1", "OVTICN1", 640m, 600m, "1999999999")));
        await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync($"/api/cases/{caseId}"),
            c => c.GetProperty("case").GetProperty("status").GetString() == "Overturned", "the case to be Overturned");
    }

    private static bool Decided(JsonElement row) => row.GetProperty("overturnRate").ValueKind != JsonValueKind.Null;

    /// <summary>dashboard.js's words(): "MedicalNecessity" → "Medical necessity".</summary>
    private static string Words(string name)
    {
        var s = System.Text.RegularExpressions.Regex.Replace(name, "([a-z])([A-Z])", "$1 $2").ToLowerInvariant();
        return char.ToUpperInvariant(s[0]) + s[1..];
    }

    /// <summary>
    /// The chart (an SVG image whose label lists every bar, and a bar with its value written beside it per row) and its
    /// table (one row per key, the same numbers) show what the API answered.
    /// </summary>
    private static async Task ExpectChartAndTableAsync(IPage page, string chartId, string table, IReadOnlyList<JsonElement> rows,
        Func<JsonElement, string> label, Func<JsonElement, string> value, (string Field, Func<JsonElement, string> Text)[] cells)
    {
        var chart = page.Locator($"#{chartId} svg.chart");
        await Assertions.Expect(chart).ToHaveAttributeAsync("role", "img");
        await Assertions.Expect(chart.Locator("rect.bar")).ToHaveCountAsync(rows.Count);
        var aria = await chart.GetAttributeAsync("aria-label") ?? "";
        foreach (var row in rows)
        {
            Assert.Contains($"{label(row)} {value(row)}", aria, StringComparison.Ordinal);
            await Assertions.Expect(chart.Locator("text", new() { HasTextString = value(row) }).First).ToBeAttachedAsync();
            var tr = page.Locator($"#{chartId} table[data-table='{table}'] tr[data-key='{row.GetProperty("key").GetString()}']");
            foreach (var (field, text) in cells)
                await Assertions.Expect(tr.Locator($"[data-field='{field}']")).ToHaveTextAsync(text(row));
        }
        await Assertions.Expect(page.Locator($"#{chartId} table[data-table='{table}'] tbody tr")).ToHaveCountAsync(rows.Count);
    }

    private static readonly System.Globalization.CultureInfo Us = System.Globalization.CultureInfo.InvariantCulture; // "N0" groups with "," like en-US

    private static string Count(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? "—" : e.GetProperty(name).GetInt64().ToString("N0", Us);

    private static string Money(JsonElement e, string name) => e.GetProperty(name).GetDecimal().ToString("$#,##0.00", Us);

    private static string Rate(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? "—" : (e.GetProperty(name).GetDouble() * 100).ToString("0.0", Us) + "%";

    [SkippableFact]
    public async Task KeyboardAlone_ReachesACase_AndItsLetter()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        await SeedMedicareAsync();
        var tab = await browser.OpenAsync("/?payer=15202");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("a.case-link").First).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await TabUntilAsync(page, "a.case-link");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Case PCN");

        await TabUntilAsync(page, "a.letter-link");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("iframe.letter")).ToBeVisibleAsync();
        await TabUntilAsync(page, "#approve");
        await TabUntilAsync(page, "#reason");
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task EveryPage_FitsAPhone_AndA1280Screen()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = await SeedMedicareAsync();
        var top = cases[0];
        var caseId = top.GetProperty("id").GetString()!;
        var letterId = top.GetProperty("letterIds")[0].GetString()!;
        string[][] pages =
        [
            ["queue", "/?payer=15202", "a.case-link"],
            ["case", $"/case.html?id={caseId}", "#history-h"],
            ["letter", $"/letter.html?id={letterId}", "iframe.letter"],
            ["dashboard", "/dashboard.html", "#no-metrics, #metrics .kpis"],
            ["drop", "/drop.html", "#files > *"],
        ];
        foreach (var width in new[] { 390, 1280 })
        {
            foreach (var p in pages)
            {
                var tab = await browser.OpenAsync(p[1], width: width, height: width == 390 ? 844 : 900);
                await Assertions.Expect(tab.Page.Locator(p[2]).First).ToBeVisibleAsync();
                if (width == 390) await tab.ScreenshotAsync($"{p[0]}-390.png");
                Assert.True(await tab.FitsWidthAsync(), $"{p[0]} is wider than {width} px");
                tab.AssertNoErrors();
            }
        }
    }

    private static async Task TabUntilAsync(IPage page, string selector, int maxTabs = 60)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} was not reached with the Tab key in {maxTabs} presses.");
    }
}
