using System.Text.Json;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>A coder works the queue in a real browser: queue → case → letter → approve → sent; and a stale approval.</summary>
public sealed class CoderTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PipelineFixture Pipeline => browser.Pipeline;

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));

    private async Task<JsonElement> SeedAsync(string sample, string payerId, int letters)
    {
        await Pipeline.DropAsync(sample, Sample(sample));
        return await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync($"/api/cases?payer={payerId}"),
            c => c.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Drafted") >= letters, $"{letters} drafted cases for {payerId}");
    }

    [SkippableFact]
    public async Task Coder_OpensTopCase_ApprovesItsLetter_AndSeesItSent()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = await SeedAsync("medicare-part-b-2026-11-05.835", "15202", 4);
        var top = cases[0]; // the API sorts by priority

        var tab = await browser.OpenAsync("/?payer=15202");
        var page = tab.Page;
        var firstLink = page.Locator("table.queue tbody tr").First.Locator("a.case-link");
        await Assertions.Expect(firstLink).ToHaveTextAsync(top.GetProperty("patientControlNumber").GetString()!);
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(cases.GetArrayLength());
        await tab.ScreenshotAsync("queue-1280.png");

        await firstLink.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(top.GetProperty("patientControlNumber").GetString()!);
        await Assertions.Expect(page.Locator("ul.reasons li").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#history-h")).ToBeVisibleAsync();
        var reasonCode = top.GetProperty("reasonCodes").GetString()!.Split(',')[0];
        await Assertions.Expect(page.Locator("ul.reasons")).ToContainTextAsync(reasonCode);
        await tab.ScreenshotAsync("case-1280.png");

        await page.Locator("a.letter-link").First.ClickAsync();
        await Assertions.Expect(page.Locator("iframe.letter")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Pending approval");
        var letterId = new Uri(page.Url).Query.Split("id=")[1];
        await tab.ScreenshotAsync("letter-1280.png");

        // Edit the text: a new version, through the server's sanitizer, then approve that version.
        await page.Locator("#edit summary").ClickAsync();
        var html = await page.Locator("#html").InputValueAsync();
        await page.Locator("#html").FillAsync(html + "<p>Reviewed by the coding team.</p>");
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("version 2");
        await Assertions.Expect(page.Locator("#preview-h")).ToContainTextAsync("version 2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and send" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Sent to", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Sent");
        await tab.ScreenshotAsync("letter-sent-1280.png");

        var letter = await Pipeline.GetJsonAsync($"/api/letters/{letterId}");
        Assert.Equal("Sent", letter.GetProperty("letter").GetProperty("status").GetString());
        Assert.Single(Pipeline.Mail.Mails);
        tab.AssertNoErrors();
    }

    [SkippableFact]
    public async Task SecondCoder_StaleApproval_SeesTheConflictMessage_AndNothingChanges()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var cases = await SeedAsync("acme-health-2026-11-05.835", "87726", 2);
        var letterId = cases.EnumerateArray().First(c => c.GetProperty("status").GetString() == "Drafted").GetProperty("letterIds")[0].GetString()!;

        var first = await browser.OpenAsync($"/letter.html?id={letterId}", user: "coder");
        var second = await browser.OpenAsync($"/letter.html?id={letterId}", user: "coder2");
        await Assertions.Expect(first.Page.Locator("#approve")).ToBeEnabledAsync();
        await Assertions.Expect(second.Page.Locator("#approve")).ToBeEnabledAsync();

        await first.Page.Locator("#approve").ClickAsync();
        await Assertions.Expect(first.Page.Locator("#message")).ToContainTextAsync("Approved");

        await second.Page.Locator("#approve").ClickAsync();
        var message = second.Page.Locator("#message");
        await Assertions.Expect(message).ToContainTextAsync("Another coder changed this letter first");
        await Assertions.Expect(message).ToContainTextAsync("by coder");
        await Assertions.Expect(second.Page.Locator("#reload")).ToBeFocusedAsync();
        await second.ScreenshotAsync("letter-conflict-1280.png");

        var letter = await Pipeline.GetJsonAsync($"/api/letters/{letterId}");
        Assert.Equal("user:coder", letter.GetProperty("letter").GetProperty("approvedBy").GetString());

        // Reloading shows the letter as it now is, with nothing left to approve.
        await second.Page.Locator("#reload").ClickAsync();
        await Assertions.Expect(second.Page.Locator("#approve")).ToBeDisabledAsync();
        first.AssertNoErrors();
        second.AssertNoErrors();
    }
}
