using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>The claim check page: a coder checks the sample outbound batch; other roles see why they cannot; the dashboard's prevention view.</summary>
public sealed class ClaimCheckPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", "outbound", name);

    [SkippableFact]
    public async Task Coder_ChecksTheSampleBatch_SeesFixFirstWithEvidenceAndFix()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var tab = await browser.OpenAsync("/check.html", user: "coder");
        var page = tab.Page;
        await page.GetByLabel("Choose an 837 batch or a FHIR Claim").SetInputFilesAsync(SamplePath("claims-outbound-2026-10.837"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Checked 13 claims", new() { Timeout = 60_000 });
        var ptp = page.Locator("tr[data-claim='PCN1005']");
        await Assertions.Expect(ptp.Locator("[data-status]").First).ToHaveTextAsync("Fix first");
        await Assertions.Expect(ptp.Locator("li[data-rule='ncci-ptp']")).ToContainTextAsync("20610 (column 1, line 2) / 99214 (column 2, line 1)");
        await Assertions.Expect(ptp.Locator("li[data-rule='ncci-ptp']")).ToContainTextAsync("Fix:");
        await Assertions.Expect(page.Locator("tr[data-claim='PCN2003'] li[data-rule='eligibility']")).ToContainTextAsync("SBR01 S");
        await Assertions.Expect(page.Locator("tr[data-claim='PCN1004'] [data-status]").First).ToHaveTextAsync("Ready");
        // Fix first sorts to the top.
        await Assertions.Expect(page.Locator("#claims tbody tr").First.Locator("[data-status]").First).ToHaveTextAsync("Fix first");
        await Assertions.Expect(page.Locator("#csv")).ToBeVisibleAsync();
        Assert.Contains("batch=", page.Url, StringComparison.Ordinal);
        await tab.ScreenshotAsync("check-1280.png");

        // The address names the batch: reopening it shows the stored results.
        var again = await browser.OpenAsync(new Uri(page.Url).PathAndQuery, user: "manager");
        await Assertions.Expect(again.Page.Locator("tr[data-claim='PCN1005']")).ToBeVisibleAsync();
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task Manager_SeesWhyTheyCannotCheck_AndThePreventionViewOnTheDashboard()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var check = await browser.OpenAsync("/check.html", user: "manager");
        await Assertions.Expect(check.Page.Locator("#message")).ToContainTextAsync("checking claims");
        await Assertions.Expect(check.Page.Locator("#check")).ToBeHiddenAsync();

        var coder = browser.Pipeline.ClientAs("coder");
        var body = new ByteArrayContent(await File.ReadAllBytesAsync(SamplePath("claims-outbound-2026-10.837")));
        (await coder.PostAsync("/api/claims/check?name=claims-outbound-2026-10.837", body)).EnsureSuccessStatusCode();

        var tab = await browser.OpenAsync("/dashboard.html", user: "manager");
        var prevention = tab.Page.Locator("#prevention");
        await Assertions.Expect(prevention.Locator("h2")).ToHaveTextAsync("Prevention: the claim check");
        await Assertions.Expect(prevention.Locator("[data-table='By rule'] tr[data-key='ncci-ptp']")).ToBeVisibleAsync();
        await Assertions.Expect(prevention.Locator("[data-metric='checked'] .value")).Not.ToHaveTextAsync("0");
        tab.AssertNoErrors();
    }
}
