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
}
