using DenialPipeline.Pipeline;
using System.Net;
using System.Text;
using Azure.Storage.Blobs;
using DenialPipeline.Ingest;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// Files an SFTP payer puts into its own container drops-{payerId} reach Ingest as the BlobCreated events Event Grid
/// posts (infra/app/drop-events.bicep); an event for any other container is refused where users see it.
/// </summary>
public sealed class SftpDropTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly string PayerContainer = StorageNames.Containers.PayerDrops(PipelineFixture.SftpPayer);

    [Fact]
    public async Task BlobCreatedInAPayersContainer_IsIngestedFromThere_WithThePayerOnTheFileRow_AndOnlyThatPayerSeesIt()
    {
        var file = SyntheticRemittance.Build(4, prefix: "SFT", trace: "880000050");
        var blob = await UploadAsync(PayerContainer, "remit-2026-11.835", file.Text);
        await AnnounceAsync(PayerContainer, blob);

        var fileId = IngestHandler.FileIdFor(PayerContainer, blob.Name);
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"),
            x => x.Str("status") == "Processed", "the SFTP file to be ingested");
        Assert.Equal(PayerContainer, f.Str("container"));
        Assert.Equal("remit-2026-11.835", f.Str("blobName"));
        Assert.Equal(PipelineFixture.SftpPayer, f.Str("payerFolder"));
        Assert.Equal(4, f.GetProperty("claimsRead").GetInt32());
        Assert.Equal(4, f.GetProperty("casesCreated").GetInt32());
        Assert.True(await blob.ExistsAsync()); // the original stays where the payer put it

        // The same name in drops is another file (the id covers the container).
        Assert.NotEqual(fileId, IngestHandler.FileIdFor(blob.Name));

        var payer = pipeline.ClientAs(PipelineFixture.SftpPayer);
        Assert.Contains((await (await payer.GetAsync("/api/files")).ReadJsonAsync()).EnumerateArray(), x => x.Id() == fileId);
        Assert.Equal(HttpStatusCode.OK, (await payer.GetAsync($"/api/files/{fileId}")).StatusCode);
        var other = pipeline.ClientAs("payer-acme");
        Assert.DoesNotContain((await (await other.GetAsync("/api/files")).ReadJsonAsync()).EnumerateArray(), x => x.Id() == fileId);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/files/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task FailedFileInAPayersContainer_IsRetriedFromThatContainer()
    {
        var file = SyntheticRemittance.Build(2, prefix: "SFR", trace: "880000051");
        var container = pipeline.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(PayerContainer);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("late.835");

        // The event arrives before the blob is there: the file fails, naming the payer's container.
        await AnnounceAsync(PayerContainer, blob);
        var fileId = IngestHandler.FileIdFor(PayerContainer, blob.Name);
        var failed = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"),
            x => x.Str("status") == "Failed", "the missing SFTP file to fail");
        Assert.Contains($"'{PayerContainer}'", failed.Str("failureReason"));
        Assert.Contains((await pipeline.GetJsonAsync("/api/files?status=failed")).EnumerateArray(), x => x.Id() == fileId);

        await blob.UploadAsync(BinaryData.FromString(file.Text));
        Assert.Equal(HttpStatusCode.Accepted, (await pipeline.Http.PostAsync($"/api/files/{fileId}/retry", null)).StatusCode);
        var done = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"),
            x => x.Str("status") == "Processed", "the retried SFTP file to be processed");
        Assert.Equal(2, done.GetProperty("casesCreated").GetInt32());
        Assert.Equal(PipelineFixture.SftpPayer, done.Str("payerFolder"));
    }

    [Theory]
    [InlineData(StorageNames.Containers.Letters)] // a real container with a real 835 in it
    [InlineData("dropsaetna")]                   // 'drops' as a bare prefix
    [InlineData("drops-payer-acme")]             // not a payer id (hyphen)
    [InlineData("drops-")]
    public async Task BlobCreatedInAnyOtherContainer_IsRefusedAsAFailedFile_NotRead_NotPoisoned(string container)
    {
        var file = SyntheticRemittance.Build(3, prefix: "REF" + container.Length, trace: "88000006" + container.Length);
        var uri = container == StorageNames.Containers.Letters
            ? (await UploadAsync(container, "stray.835", file.Text)).Uri
            : new Uri($"{pipeline.Services.GetRequiredService<BlobServiceClient>().Uri.ToString().TrimEnd('/')}/{container}/stray.835");
        await pipeline.Services.GetRequiredService<PipelineQueues>().SendAsync(StorageNames.Queues.DenialFiles,
            BlobCreatedEvent.For(container, "stray.835", uri, file.Text.Length, DateTimeOffset.UtcNow));

        var fileId = IngestHandler.FileIdFor(container, "stray.835");
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"),
            x => x.Str("status") == "Failed", $"the event for '{container}' to be refused");
        Assert.Contains($"'{container}' is not a drop container", f.Str("failureReason"));
        Assert.Equal(container, f.Str("container"));
        Assert.Equal(0, f.GetProperty("claimsRead").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, f.GetProperty("payerFolder").ValueKind);
        Assert.Contains((await pipeline.GetJsonAsync("/api/files?status=failed")).EnumerateArray(), x => x.Id() == fileId);
        Assert.Contains(pipeline.LogLines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[1001]", StringComparison.Ordinal) && l.Contains(fileId, StringComparison.Ordinal));

        // Nothing was read: no case from the file; the message completed instead of failing into the poison queue.
        Assert.DoesNotContain(await pipeline.Services.GetRequiredService<Cases.CaseStore>().ListAsync(), c => c.PatientControlNumber.StartsWith("REF" + container.Length, StringComparison.Ordinal));
        Assert.DoesNotContain(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialFiles)), m => m.Contains(container + "/blobs/", StringComparison.Ordinal));

        // A payer never sees it, and retrying it is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.ClientAs(PipelineFixture.SftpPayer).GetAsync($"/api/files/{fileId}")).StatusCode);
        var retry = await pipeline.Http.PostAsync($"/api/files/{fileId}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("urn:denial-pipeline:problem:not-a-drop-container", await retry.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// An SFTP client may name files anything a blob name allows (no drop path cleans them): spaces, '#', '?', '%', a
    /// percent-escape, non-Latin letters, folders. Ingest reads the blob under that exact name and shows it as such.
    /// </summary>
    [Theory]
    [InlineData("in/Nov #5?.835")]
    [InlineData("remit%2F100%25 ü 张.835")]
    [InlineData("a b/c&d=e+f;g.835")]
    public async Task BlobWithOddCharactersInAPayersContainer_IsIngestedUnderItsExactName(string name)
    {
        var file = SyntheticRemittance.Build(1, prefix: "SOD" + name.Length, trace: "88000006" + name.Length);
        var blob = await UploadAsync(PayerContainer, name, file.Text);
        Assert.Equal(name, blob.Name);
        await AnnounceAsync(PayerContainer, blob);
        var fileId = IngestHandler.FileIdFor(PayerContainer, name);
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"),
            x => x.Str("status") is "Processed" or "Failed", $"the file '{name}' to be ingested");
        Assert.Equal(("Processed", name, 1), (f.Str("status"), f.Str("blobName"), f.GetProperty("casesCreated").GetInt32()));
    }

    private async Task<BlobClient> UploadAsync(string containerName, string name, string text)
    {
        var container = pipeline.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(containerName);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(Encoding.UTF8.GetBytes(text)), overwrite: true);
        return blob;
    }

    /// <summary>What Event Grid posts when an SFTP client commits a file (subject /blobServices/default/containers/{c}/blobs/{name}).</summary>
    private Task AnnounceAsync(string container, BlobClient blob) =>
        pipeline.Services.GetRequiredService<PipelineQueues>().SendAsync(StorageNames.Queues.DenialFiles,
            BlobCreatedEvent.For(container, blob.Name, blob.Uri, 0, DateTimeOffset.UtcNow) with { Data = new BlobCreatedData("SftpCommit", "application/octet-stream", 0, blob.Uri.ToString()) });
}
