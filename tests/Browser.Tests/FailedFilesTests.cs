using DenialPipeline.Pipeline;
using Azure.Storage.Blobs;
using DenialPipeline.Ingest;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>
/// A pipeline whose blob client can be broken on purpose, so that ingest cannot read a dropped file and marks it Failed
/// after every attempt (as <c>Pipeline.Tests/BadInputTests</c> does). The drop itself goes through a healthy client.
/// </summary>
public sealed class FailingReadsPipelineFixture : PipelineFixture
{
    public SwitchableBlobServiceClient Blobs { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<BlobServiceClient>(sp =>
        {
            var healthy = sp.GetRequiredService<Hosting.StorageEndpoints>().CreateBlobServiceClient();
            // Port 9 (discard) on loopback: nothing listens, every call fails at once (no SDK retries).
            var broken = new BlobServiceClient("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + LocalHost.AzuriteLauncher.DevAccountKey +
                ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;", new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });
            return Blobs = new SwitchableBlobServiceClient(healthy, broken);
        }));

    /// <summary>Drops through the healthy client whatever the switch says (the upload worked; reading it fails).</summary>
    public Task<DropResult> DropHealthyAsync(string name, string content) =>
        new DropClient(Blobs.Healthy, Services.GetRequiredService<PipelineQueues>(), TimeProvider.System)
            .DropAsync(name, System.Text.Encoding.UTF8.GetBytes(content), enqueue: true);
}

/// <summary>A BlobServiceClient (its members are virtual, for this) that hands out a broken or a healthy container client.</summary>
public sealed class SwitchableBlobServiceClient(BlobServiceClient healthy, BlobServiceClient broken) : BlobServiceClient
{
    public volatile bool Broken;
    public BlobServiceClient Healthy => healthy;
    public override BlobContainerClient GetBlobContainerClient(string blobContainerName) =>
        (Broken ? broken : healthy).GetBlobContainerClient(blobContainerName);
    public override Uri Uri => healthy.Uri;
    public override string AccountName => healthy.AccountName;
}

public sealed class FailingReadsBrowserFixture() : BrowserFixtureBase(new FailingReadsPipelineFixture())
{
    public FailingReadsPipelineFixture Failing => (FailingReadsPipelineFixture)Pipeline;
}

/// <summary>The drop page lists the failed files; a coder retries one and sees it processed. Roles that may not retry see no button.</summary>
public sealed class FailedFilesTests(FailingReadsBrowserFixture browser) : IClassFixture<FailingReadsBrowserFixture>
{
    private FailingReadsPipelineFixture Pipeline => browser.Failing;

    [SkippableFact]
    public async Task FailedFile_IsListed_ACoderRetriesIt_AndSeesItProcessed()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        const string name = "medicare-retry.835";
        var content = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "medicare-part-b-2026-11-05.835"));
        Pipeline.Blobs.Broken = true;
        DropResult drop;
        try
        {
            drop = await Pipeline.DropHealthyAsync(name, content);
            await PipelineFixture.EventuallyAsync(() => Pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
                f => f.ValueKind == System.Text.Json.JsonValueKind.Object && f.GetProperty("status").GetString() == "Failed", "the file to fail after every attempt", seconds: 90);
            // The file is marked Failed on the last attempt, just before the runtime moves the message: wait for it.
            await PipelineFixture.EventuallyAsync(() => Pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialFiles)),
                m => m.Count == 1, "the message in the poison queue", seconds: 30);
        }
        finally
        {
            Pipeline.Blobs.Broken = false; // storage is back
        }

        // A manager reads the files but may not retry (ApiPolicy.Work): the failed file, no button.
        var manager = await browser.OpenAsync("/drop.html?status=failed", user: "manager");
        await Assertions.Expect(manager.Page.Locator("#files table")).ToContainTextAsync(name);
        await Assertions.Expect(manager.Page.Locator("#files table")).ToContainTextAsync("Failed");
        await Assertions.Expect(manager.Page.Locator("#files button.retry")).ToHaveCountAsync(0);
        manager.AssertNoErrors();

        var tab = await browser.OpenAsync("/drop.html", user: "coder");
        var page = tab.Page;
        await Assertions.Expect(page.Locator("#files table")).ToContainTextAsync(name);
        await page.GetByLabel("Show").SelectOptionAsync("failed");
        await Assertions.Expect(page.Locator("#files table caption")).ToHaveTextAsync("1 failed files");
        await Assertions.Expect(page.Locator($"[data-file-status='{drop.FileId}']")).ToContainTextAsync("Failed");
        await tab.ScreenshotAsync("drop-failed-1280.png");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Retry {name}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Done: 4 cases opened from 5 claims", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#progress")).ToContainTextAsync("Processed");
        await Assertions.Expect(page.Locator("#files")).ToContainTextAsync("No failed files.");
        var file = await Pipeline.GetJsonAsync($"/api/files/{drop.FileId}");
        Assert.Equal("Processed", file.GetProperty("status").GetString());

        await page.GetByLabel("Show").SelectOptionAsync("");
        await Assertions.Expect(page.Locator($"[data-file-status='{drop.FileId}']")).ToHaveTextAsync("Processed");
        tab.AssertNoErrors();
    }
}
