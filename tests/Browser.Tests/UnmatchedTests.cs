using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>Without records, denials match no submitted claim: the queue lists them as unmatched, with the reason.</summary>
public sealed class UnmatchedTests(NoRecordsBrowserFixture browser) : IClassFixture<NoRecordsBrowserFixture>
{
    [SkippableFact]
    public async Task Queue_ListsTheUnmatched_WithTheirReason()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        const string name = "medicare-part-b-2026-11-05.835";
        await browser.Pipeline.DropAsync(name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name)));
        var unmatched = await PipelineFixture.EventuallyAsync(() => browser.Pipeline.GetJsonAsync("/api/unmatched"),
            u => u.GetArrayLength() == 4, "4 unmatched Medicare denials");

        var tab = await browser.OpenAsync("/");
        var rows = tab.Page.Locator("table.unmatched tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        var first = unmatched[0];
        await Assertions.Expect(rows.First).ToContainTextAsync(first.GetProperty("case").GetProperty("patientControlNumber").GetString()!);
        await Assertions.Expect(rows.First).ToContainTextAsync(first.GetProperty("reason").GetString()!);
        await tab.ScreenshotAsync("queue-unmatched-1280.png");

        await rows.First.Locator("a.unmatched-link").ClickAsync();
        await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync("Unmatched");
        await Assertions.Expect(tab.Page.Locator("#unmatched-reason")).ToContainTextAsync(first.GetProperty("reason").GetString()!);
        await Assertions.Expect(tab.Page.Locator("#unmatched-reason")).Not.ToContainTextAsync(".."); // the reason's own full stop, not a second one
        tab.AssertNoErrors();
    }
}
