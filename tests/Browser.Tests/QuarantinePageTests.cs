using System.Text;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>
/// Issue 18 on the drop page: a payer uploading another payer's remittance sees its file held, nothing opened or closed;
/// a coder sees why but cannot decide; an Admin gives a reason and releases it, and the file is processed.
/// </summary>
public sealed class QuarantinePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PipelineFixture Pipeline => browser.Pipeline;

    [SkippableFact]
    public async Task PayerSeesItsFileHeld_ACoderCannotDecide_AnAdminReleasesItWithAReason()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        // payer-other may send as 99999 only; this denial names ACME's payer id 87726.
        var forged = Remit835.Build("87726", "ACME HEALTH PLAN", new DateOnly(2026, 11, 20), "QP-1", Clp.DeniedClaim("QP-PCN-1", "QPICN1", 250m, "1922334457"));
        const string name = "held-by-quarantine.835";

        var payer = await browser.OpenAsync("/drop.html", user: "payer-other");
        await payer.Page.GetByLabel("Choose an 835 file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes(forged) });
        await payer.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(payer.Page.Locator("#message")).ToContainTextAsync("Held: some transactions name a payer", new() { Timeout = 60_000 });
        var held = payer.Page.Locator("section.quarantine");
        await Assertions.Expect(held).ToContainTextAsync("87726");
        await Assertions.Expect(held).ToContainTextAsync("Waiting");
        await Assertions.Expect(payer.Page.GetByRole(AriaRole.Button, new() { Name = "Release held transactions" })).ToHaveCountAsync(0);
        payer.AssertNoErrors();
        var fileId = (await Pipeline.GetJsonAsync("/api/files")).EnumerateArray().Single(f => f.GetProperty("blobName").GetString()!.EndsWith(name, StringComparison.Ordinal)).GetProperty("id").GetString()!;
        Assert.Equal(0, (await Pipeline.GetJsonAsync($"/api/files/{fileId}")).GetProperty("casesCreated").GetInt32());

        // A coder sees the held file and why, but no decision form.
        var coder = await browser.OpenAsync("/drop.html", user: "coder");
        await Assertions.Expect(coder.Page.Locator($"[data-file-status='{fileId}']")).ToContainTextAsync("Quarantined");
        await coder.Page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Assertions.Expect(coder.Page.Locator("section.quarantine")).ToContainTextAsync("Waiting");
        await Assertions.Expect(coder.Page.GetByRole(AriaRole.Button, new() { Name = "Release held transactions" })).ToHaveCountAsync(0);
        coder.AssertNoErrors();

        // The Admin must give a reason; then the release is kept on the file and the claim is processed.
        var admin = await browser.OpenAsync("/drop.html", user: "admin");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        var release = admin.Page.GetByRole(AriaRole.Button, new() { Name = "Release held transactions" });
        await release.ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#message")).ToContainTextAsync("Give a reason");
        await admin.Page.GetByLabel("Reason for the decision").FillAsync("ACME confirmed it sent this file through another clearinghouse");
        await release.ClickAsync();
        await Assertions.Expect(admin.Page.Locator("#message")).ToContainTextAsync("Done: 1 cases opened from 1 claims", new() { Timeout = 60_000 });
        await Assertions.Expect(admin.Page.Locator("section.quarantine")).ToContainTextAsync("Released");
        await Assertions.Expect(admin.Page.Locator("section.quarantine")).ToContainTextAsync("ACME confirmed it sent this file");
        await admin.ScreenshotAsync("drop-quarantine-released-1280.png");
        admin.AssertNoErrors();
        var file = await Pipeline.GetJsonAsync($"/api/files/{fileId}");
        Assert.Equal(("Processed", 1), (file.GetProperty("status").GetString(), file.GetProperty("casesCreated").GetInt32()));
    }
}
