using DenialPipeline.Cases;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>A case research or drafting failed on: the case page says why, and a coder retries it from there.</summary>
public sealed class CaseRetryPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task FailedCase_ShowsItsFailure_ACoderRetriesIt_AndItIsDraftedAgain()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        const string name = "medicare-part-b-2026-11-05.835";
        await browser.Pipeline.DropAsync(name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name)));
        var pending = await PipelineFixture.EventuallyAsync(() => browser.Pipeline.GetJsonAsync("/api/letters?status=pending"),
            l => l.GetArrayLength() >= 1, "a letter pending approval");
        var caseId = pending[0].GetProperty("caseId").GetString()!;
        await browser.Pipeline.Services.GetRequiredService<CaseStore>().MarkPoisonedAsync(caseId,
            "Processing in stage 'denial-drafting' failed on every attempt (RequestFailedException); the message was moved to 'denial-drafting-poison'.");

        // A manager reads the case and its failure but may not retry (ApiPolicy.Work): no button.
        var manager = await browser.OpenAsync($"/case.html?id={Uri.EscapeDataString(caseId)}", user: "manager");
        await Assertions.Expect(manager.Page.Locator("h1")).ToContainTextAsync("Failed");
        await Assertions.Expect(manager.Page.Locator(".message.error")).ToContainTextAsync("denial-drafting");
        await Assertions.Expect(manager.Page.Locator("#retry-case")).ToHaveCountAsync(0);
        manager.AssertNoErrors();

        var tab = await browser.OpenAsync($"/case.html?id={Uri.EscapeDataString(caseId)}", user: "coder");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Retry research and drafting" }).ClickAsync();
        await Assertions.Expect(tab.Page.Locator("#message")).ToContainTextAsync("Queued");
        // The page loads the case again: drafted again, its history saying who retried it.
        await Assertions.Expect(tab.Page.Locator("h1")).ToContainTextAsync("Drafted", new() { Timeout = 30_000 });
        await Assertions.Expect(tab.Page.Locator("ol.history")).ToContainTextAsync("Retried");
        await Assertions.Expect(tab.Page.Locator("#message")).ToContainTextAsync("Done: the case is Drafted");
        tab.AssertNoErrors();
    }
}
