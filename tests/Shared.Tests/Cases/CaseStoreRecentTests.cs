using DenialPipeline.Cases;
using DenialPipeline.Storage;
using DenialPipeline.Tests.Review;
using Microsoft.Extensions.Time.Testing;

namespace DenialPipeline.Tests.Cases;

/// <summary>
/// A pipeline stage starts from the version of a case this process just wrote (no read), and a version someone else
/// changed meanwhile is caught by the ETag-guarded write: the change is decided again on what is stored.
/// </summary>
public sealed class CaseStoreRecentTests
{
    private readonly InMemoryTables _tables = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private InMemoryTable Cases => _tables.Table(StorageNames.Tables.Cases);

    private static CaseEntity NewCase(string id) => new() { CaseId = id, PayerId = "P", PatientControlNumber = "PCN" };

    [Fact]
    public async Task WrittenVersion_IsHandedOutOnceWithoutARead_ThenReadsAgain()
    {
        var store = new CaseStore(_tables, _time);
        Assert.True(await store.CreateAsync(NewCase("c1"), new CaseChange("Opened", CaseStatus.New, "system:test")));
        var reads = Cases.Reads;

        var forResearch = await store.GetForChangeAsync("c1", _ => true);
        Assert.Equal(reads, Cases.Reads); // no read
        Assert.Equal(CaseStatus.New, forResearch!.StatusValue);
        var (saved, changed) = await store.ChangeAsync(forResearch, c => new CaseChange("Researched", CaseStatus.Researched, "system:test"));
        Assert.True(changed);
        Assert.Equal(reads, Cases.Reads); // the write went through on the cached version's ETag

        var forDrafting = await store.GetForChangeAsync("c1", _ => true);
        Assert.Equal(reads, Cases.Reads);
        Assert.Equal((CaseStatus.Researched, 2), (forDrafting!.StatusValue, forDrafting.Revision));
        Assert.NotSame(saved, forDrafting); // a copy: the writer's object is not shared

        Assert.NotNull(await store.GetForChangeAsync("c1", _ => true)); // taken already: read from storage
        Assert.Equal(reads + 1, Cases.Reads);

        // A version no stage picks up next (Drafted) is not kept.
        await store.ChangeAsync(forDrafting, c => new CaseChange("Drafted", CaseStatus.Drafted, "system:test"));
        Assert.NotNull(await store.GetForChangeAsync("c1", _ => true));
        Assert.Equal(reads + 2, Cases.Reads);
    }

    [Fact]
    public async Task VersionChangedElsewhere_TheWriteFails_AndTheChangeIsDecidedAgainOnWhatIsStored()
    {
        var here = new CaseStore(_tables, _time);
        var otherHost = new CaseStore(_tables, _time);
        await here.CreateAsync(NewCase("c2"), new CaseChange("Opened", CaseStatus.New, "system:test"));
        await otherHost.ChangeAsync("c2", c => { c.AssignedTo = "bob"; return new CaseChange("Assigned", null, "bob"); });

        var stale = await here.GetForChangeAsync("c2", _ => true);
        Assert.Null(stale!.AssignedTo); // what this host wrote
        var seen = new List<string?>();
        var (saved, changed) = await here.ChangeAsync(stale, c =>
        {
            seen.Add(c.AssignedTo);
            return new CaseChange("Researched", CaseStatus.Researched, "system:test");
        });
        Assert.True(changed);
        Assert.Equal([null, "bob"], seen); // decided on the stale version, refused by its ETag, decided again on the stored one
        Assert.Equal(("bob", CaseStatus.Researched, 3), (saved!.AssignedTo, saved.StatusValue, saved.Revision));
        var stored = await here.GetAsync("c2");
        Assert.Equal(("bob", CaseStatus.Researched), (stored!.AssignedTo, stored.StatusValue));
    }

    [Fact]
    public async Task AVersionTheStageWouldSkip_IsNotTrusted_TheCaseIsRead()
    {
        // This host created the case (New); another host researched it; drafting here must not skip it on the New it remembers.
        var here = new CaseStore(_tables, _time);
        var otherHost = new CaseStore(_tables, _time);
        await here.CreateAsync(NewCase("c4"), new CaseChange("Opened", CaseStatus.New, "system:test"));
        await otherHost.ChangeAsync("c4", c => new CaseChange("Researched", CaseStatus.Researched, "system:test"));
        var reads = Cases.Reads;
        var forDrafting = await here.GetForChangeAsync("c4", c => c.StatusValue == CaseStatus.Researched);
        Assert.Equal(CaseStatus.Researched, forDrafting!.StatusValue);
        Assert.Equal(reads + 1, Cases.Reads);
    }

    [Fact]
    public async Task OldVersions_AreNotUsed()
    {
        var store = new CaseStore(_tables, _time);
        await store.CreateAsync(NewCase("c3"), new CaseChange("Opened", CaseStatus.New, "system:test"));
        _time.Advance(RecentCases.MaxAge + TimeSpan.FromSeconds(1));
        var reads = Cases.Reads;
        Assert.NotNull(await store.GetForChangeAsync("c3", _ => true));
        Assert.Equal(reads + 1, Cases.Reads);
    }

    [Fact]
    public void TheCacheIsBounded()
    {
        var recent = new RecentCases(_time, capacity: 4);
        foreach (var id in new[] { "a", "b", "c", "d", "e" }) recent.Put(new CaseEntity { CaseId = id, ETag = new Azure.ETag("x"), StatusValue = CaseStatus.New });
        // Two generations of two: "a" and "b" were dropped when "e" started a third.
        Assert.Null(recent.Take("a"));
        Assert.Null(recent.Take("b"));
        Assert.NotNull(recent.Take("c"));
        Assert.NotNull(recent.Take("e"));
    }
}
