using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Letters;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Version blobs on Azurite: created once per number; an orphan left by an interrupted edit is replaced only when old.</summary>
public sealed class LetterVersionStoreTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    private LetterStore Store(TimeSpan shift = default) => new(
        pipeline.Services.GetRequiredService<TableServiceClient>(), pipeline.Services.GetRequiredService<BlobServiceClient>(), new ShiftedTime(shift));

    [Fact]
    public async Task TryCreateVersion_OncePerNumber_OrphanReplacedOnlyWhenOld()
    {
        var store = Store();
        var id = "ltest-versions-" + Guid.NewGuid().ToString("N")[..8];
        await store.CreateIfAbsentAsync(new LetterEntity { LetterId = id, CaseId = "ctest", Type = "Appeal" }, "<p>v1</p>");

        Assert.NotNull(await store.TryCreateVersionAsync(id, 2, "<p>first editor</p>", "user:coder"));
        Assert.Null(await store.TryCreateVersionAsync(id, 2, "<p>second editor</p>", "user:coder2"));
        Assert.Equal("<p>first editor</p>", await store.ReadVersionAsync(id, 2));

        // Three minutes later the v2 blob (never committed to the row) counts as an orphan and may be replaced.
        var later = Store(TimeSpan.FromMinutes(3));
        Assert.NotNull(await later.TryCreateVersionAsync(id, 2, "<p>after a crash</p>", "user:coder2"));
        Assert.Equal("<p>after a crash</p>", await store.ReadVersionAsync(id, 2));
        Assert.Equal("<p>v1</p>", await store.ReadVersionAsync(id, 1));

        var versions = await store.ListVersionsAsync(id);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Null(versions[0].EditedBy);
        Assert.Equal("user:coder2", versions[1].EditedBy);
    }

    [Fact]
    public async Task Draft_IsARowBesideTheLetter_WrittenOnce_NoBlob()
    {
        var store = Store();
        var id = "ltest-draftrow-" + Guid.NewGuid().ToString("N")[..8];
        var (first, created) = await store.CreateIfAbsentAsync(new LetterEntity { LetterId = id, CaseId = "ctest", Type = "Appeal" }, "<p>drafted</p>");
        Assert.True(created);
        Assert.NotEqual(default, first.ETag);

        // A redelivery drafts again: the stored draft is kept.
        var (again, createdAgain) = await store.CreateIfAbsentAsync(new LetterEntity { LetterId = id, CaseId = "ctest", Type = "Appeal" }, "<p>other</p>");
        Assert.False(createdAgain);
        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal("<p>drafted</p>", await store.ReadVersionAsync(id, 1));

        var blobs = pipeline.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(DenialPipeline.Storage.StorageNames.Containers.Letters);
        Assert.False(await blobs.GetBlobClient(LetterEntity.BlobNameFor(id, 1)).ExistsAsync());
        Assert.Equal([1], (await store.ListVersionsAsync(id)).Select(v => v.Version));

        // The letter lists see the letter row only, not the draft row beside it.
        Assert.Single(await store.ListAsync(caseId: "ctest"), l => l.LetterId == id);

        // Edits are blobs, as before: v2 beside the v1 row.
        Assert.NotNull(await store.TryCreateVersionAsync(id, 2, "<p>edited</p>", "user:coder"));
        Assert.Equal([1, 2], (await store.ListVersionsAsync(id)).Select(v => v.Version));
        Assert.Equal("<p>drafted</p>", await store.ReadVersionAsync(id, 1));
    }

    [Fact]
    public async Task LargeDraft_AndDraftsStoredBefore_AreBlobs()
    {
        var store = Store();
        var id = "ltest-largedraft-" + Guid.NewGuid().ToString("N")[..8];
        var large = "<p>" + new string('x', LetterStore.MaxDraftInRow) + "</p>";
        Assert.True((await store.CreateIfAbsentAsync(new LetterEntity { LetterId = id, CaseId = "ctest", Type = "Appeal" }, large)).Created);
        var blobs = pipeline.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(DenialPipeline.Storage.StorageNames.Containers.Letters);
        Assert.True(await blobs.GetBlobClient(LetterEntity.BlobNameFor(id, 1)).ExistsAsync());
        Assert.Equal(large, await store.ReadVersionAsync(id, 1));
        Assert.Equal([1], (await store.ListVersionsAsync(id)).Select(v => v.Version));

        // A letter drafted before drafts were rows: its row and a v1 blob only.
        var old = "ltest-olddraft-" + Guid.NewGuid().ToString("N")[..8];
        await pipeline.Services.GetRequiredService<TableServiceClient>().GetTableClient(DenialPipeline.Storage.StorageNames.Tables.Letters)
            .AddEntityAsync(new LetterEntity { LetterId = old, CaseId = "ctest", Type = "Appeal" });
        await blobs.GetBlobClient(LetterEntity.BlobNameFor(old, 1)).UploadAsync(BinaryData.FromString("<p>old</p>"));
        Assert.Equal("<p>old</p>", await store.ReadVersionAsync(old, 1));
        Assert.Equal([1], (await store.ListVersionsAsync(old)).Select(v => v.Version));
    }
}
