using DenialPipeline.Pipeline;
using DenialPipeline.Operations;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DenialPipeline.Api;
using DenialPipeline.Ingest;
using DenialPipeline.Storage;
using DenialPipeline.Tests.Review;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DenialPipeline.Tests.Ingest;

/// <summary>Files record the user: who uploaded (blob metadata → file row) and who retried (the row's retry history), shown by the API.</summary>
public sealed class FileUserTests
{
    [Fact]
    public void Uploader_RoundTripsThroughBlobMetadata_EvenWithCharactersMetadataCannotHold()
    {
        var uploader = new Uploader("user:Zoë Ñúñez@example.test", "Payer");
        var metadata = uploader.ToMetadata();
        Assert.All(metadata.Values, v => Assert.True(v.All(char.IsAscii)));
        Assert.Equal(uploader, Uploader.FromMetadata(metadata));
        Assert.Null(Uploader.FromMetadata(new Dictionary<string, string>()));
        Assert.Null(Uploader.FromMetadata(null));
    }

    [Fact]
    public void FileView_ShowsUploaderAndRetries()
    {
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var view = FileView.From(new RemittanceFileEntity
        {
            FileId = "f1", BlobName = "acme/x.835", UploadedBy = "user:acme", UploadedByRole = "Payer",
            RetriesJson = $"[{{\"at\":\"{at:O}\",\"actor\":\"user:alice\",\"role\":\"Coder\",\"failureReason\":\"storage down\"}}]",
        });
        Assert.Equal(("user:acme", "Payer"), (view.UploadedBy, view.UploadedByRole));
        Assert.Equal(new FileRetry(at, "user:alice", "Coder", "storage down"), Assert.Single(view.Retries!));
        Assert.Empty(FileView.From(new RemittanceFileEntity { FileId = "f2" }).Retries!);
    }

    [Fact]
    public async Task Retry_RecordsTheUserAndRole_WithTheFailureItRetried_InTheSameWrite()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var tables = new InMemoryTables();
        var files = tables.Table(StorageNames.Tables.Remittances);
        files.Put(new RemittanceFileEntity
        {
            FileId = "f1", Container = StorageNames.Containers.Drops, BlobName = "x.835", Status = nameof(FileStatus.Failed), FailureReason = "storage down",
        });
        var blob = new Mock<BlobClient>();
        blob.Setup(b => b.GetPropertiesAsync(It.IsAny<BlobRequestConditions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(BlobsModelFactory.BlobProperties(contentLength: 42), new FakeResponse(200, default)));
        blob.Setup(b => b.Uri).Returns(new Uri("http://127.0.0.1:10000/devstoreaccount1/drops/x.835"));
        var container = new Mock<BlobContainerClient>();
        container.Setup(c => c.GetBlobClient("x.835")).Returns(blob.Object);
        var blobs = new Mock<BlobServiceClient>();
        blobs.Setup(b => b.GetBlobContainerClient(StorageNames.Containers.Drops)).Returns(container.Object);
        var queues = new InMemoryQueues();
        var handler = new FileRetryHandler(new RemittanceFileStore(tables, time), blobs.Object, new PipelineQueues(queues), time, NullLogger<FileRetryHandler>.Instance);

        var r = await handler.RetryAsync("f1", "user:alice", "Coder");

        Assert.Equal(Outcome.Done, r.Outcome);
        var row = files.Rows<RemittanceFileEntity>().Single();
        Assert.Equal(nameof(FileStatus.Received), row.Status);
        Assert.Equal(new FileRetry(time.GetUtcNow(), "user:alice", "Coder", "storage down"), Assert.Single(FileView.From(row).Retries!));
        Assert.Single(queues.Sent, m => m.Queue == StorageNames.Queues.DenialFiles);

        // Only a failed file can be retried: the second asks nothing and records nothing.
        Assert.Equal(Outcome.InvalidState, (await handler.RetryAsync("f1", "user:bob", "Admin")).Outcome);
        Assert.Single(FileView.From(files.Rows<RemittanceFileEntity>().Single()).Retries!);
    }
}
