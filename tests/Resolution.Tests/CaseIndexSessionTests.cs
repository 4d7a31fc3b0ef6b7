using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// The case index as ingest uses it: cached reads, a payer's partition read in one go for big files, additions written
/// in transactions of up to 100, and concurrent ingests never losing each other's case ids.
/// </summary>
public sealed class CaseIndexSessionTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private static CaseEntity Case(string payer, string pcn, string? icn = null) => new()
    {
        CaseId = Keys.Hash("c", payer, pcn, icn ?? "", Guid.NewGuid().ToString()), PayerId = payer, PayerName = "P " + payer,
        PatientControlNumber = pcn, PayerClaimControlNumber = icn,
    };

    private CaseIndex Index => f.Services.GetRequiredService<CaseIndex>();

    [Fact]
    public async Task AdditionsAreWrittenInTransactionsOfAHundred_AndFoundByANewSession()
    {
        var payer = "IDX" + Guid.NewGuid().ToString("N")[..6];
        var cases = Enumerable.Range(0, 250).Select(i => Case(payer, $"P{i:D4}", $"I{i:D4}")).ToList();
        var session = Index.OpenSession();
        foreach (var c in cases) await session.AddAndFindAsync(c, []);
        await session.FlushAsync();
        // 500 rows (pcn + icn per case): point reads until the partition is read whole (after 64 lookups, one page), then
        // 5 transactions of 100 — nowhere near the 500+ single writes (and 500 reads) of one request per row.
        Assert.InRange(session.Requests, 5, 5 + CaseIndexSession.BulkAfterLookups + 3);

        var rows = 0;
        await foreach (var _ in f.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Cases)
                           .QueryAsync<CaseIndexEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CaseIndex.PartitionFor(payer)}")))
            rows++;
        Assert.Equal(500, rows);

        var fresh = Index.OpenSession();
        foreach (var c in cases.Take(10))
            Assert.Equal([c.CaseId], await fresh.FindAsync([CaseIndex.PatientControlNumberKey(payer, c.PatientControlNumber)]));
        Assert.Equal([cases[7].CaseId], await Index.FindAsync([CaseIndex.PayerClaimNumberKey(payer, "I0007")]));
        Assert.Empty(await Index.FindAsync([CaseIndex.PatientControlNumberKey(payer, "NOPE")]));
    }

    [Fact]
    public async Task TwoIngestsFilingCasesUnderTheSameClaims_KeepEveryId()
    {
        var payer = "IDX" + Guid.NewGuid().ToString("N")[..6];
        var a = Index.OpenSession();
        var b = Index.OpenSession();
        // Both sessions read the (empty) rows first, then both write: the second writer's transaction conflicts and must merge.
        var first = Enumerable.Range(0, 30).Select(i => Case(payer, $"P{i:D3}")).ToList();
        var second = Enumerable.Range(0, 30).Select(i => Case(payer, $"P{i:D3}")).ToList();
        for (var i = 0; i < 30; i++)
        {
            await a.AddAndFindAsync(first[i], []);
            await b.AddAndFindAsync(second[i], []);
        }
        await Task.WhenAll(a.FlushAsync(), b.FlushAsync());

        for (var i = 0; i < 30; i++)
        {
            var ids = await Index.FindAsync([CaseIndex.PatientControlNumberKey(payer, $"P{i:D3}")]);
            Assert.Equal(new[] { first[i].CaseId, second[i].CaseId }.Order(), ids.Order());
        }
    }

    [Fact]
    public async Task AddingTheSameCaseAgain_ChangesNothing()
    {
        var payer = "IDX" + Guid.NewGuid().ToString("N")[..6];
        var c = Case(payer, "P1", "I1");
        var s1 = Index.OpenSession();
        Assert.Equal([c.CaseId], await s1.AddAndFindAsync(c, []));
        await s1.FlushAsync();
        var s2 = Index.OpenSession();
        Assert.Equal([c.CaseId], await s2.AddAndFindAsync(c, [CaseIndex.PayerClaimNumberKey(payer, "I1")]));
        var before = s2.Requests;
        await s2.FlushAsync();
        Assert.Equal(before, s2.Requests); // nothing was dirty: no write
    }
}

/// <summary>Row keys, the records catalog and the snapshot research leaves for drafting.</summary>
public sealed class StorageLayoutTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task CaseAndHistoryRows_HaveRowKeysUniqueToTheCase_AndListingsSeeOnlyCaseRows()
    {
        var store = f.Services.GetRequiredService<CaseStore>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var c = new CaseEntity { CaseId = Keys.Hash("c", "layout", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), PayerId = "LAY", PatientControlNumber = "L" + i };
            Assert.True(await store.CreateAsync(c, new CaseChange("Opened", CaseStatus.New, "system:test")));
            await store.ChangeAsync(c.CaseId, x => new CaseChange("Note", null, "system:test"));
            ids.Add(c.CaseId);
        }
        var table = f.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Cases);
        foreach (var id in ids)
        {
            var keys = new List<string>();
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")))
                keys.Add(e.RowKey);
            Assert.Equal([$"case-{id}", $"h000001-{id}", $"h000002-{id}"], keys);
            Assert.Equal(["Opened", "Note"], (await store.HistoryAsync(id)).Select(h => h.Event));
            Assert.Equal(id, (await store.GetAsync(id))!.CaseId);
        }
        // The approval count metrics rely on to skip history reads is kept by the store itself.
        await store.ChangeAsync(ids[0], x => new CaseChange(CaseEntity.LetterApprovedEvent, null, "user:test"));
        var counted = await store.GetAsync(ids[0]);
        Assert.True(counted!.HistoryCounted);
        Assert.Equal(1, counted.ApprovalEvents);
        Assert.Equal(0, (await store.GetAsync(ids[1]))!.ApprovalEvents);
        var listed = await store.ListAsync();
        Assert.Superset(ids.ToHashSet(), listed.Select(c => c.CaseId).ToHashSet());
        Assert.All(listed, c => Assert.StartsWith(CaseEntity.CaseRowPrefix, c.RowKey));
    }

    [Fact]
    public async Task Catalog_ListsTheKindsImported_AndResearchSeesANewKindAfterAnImportThroughThisProcess()
    {
        var records = f.Services.GetRequiredService<RecordStore>();
        var wanted = new[] { Coverage.Kind, SubmissionProof.Kind };
        await records.UpsertAsync([RecordStore.ToEntity(new SubmissionProof { ClaimId = "CAT-1", AcceptedDate = new DateOnly(2026, 10, 1), Source = ProofSource.Csv, Reference = "r" })]);
        Assert.Contains(SubmissionProof.Kind, await records.KindsPresentAsync(wanted));
        var table = f.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Records);
        var row = await table.GetEntityAsync<TableEntity>(RecordStore.CatalogPartition, RecordStore.CatalogRow);
        Assert.Contains(SubmissionProof.Kind, row.Value.GetString("Kinds")!.Split(','));
    }

    [Fact]
    public void RecordsSnapshot_RoundTrips_AndIsNotStoredWhenTooBig()
    {
        var snapshot = new RecordsSnapshot
        {
            Payer = new PayerProfile { PayerId = "87726", Name = "ACME", AppealWindowDays = 90 },
            SubmissionProofs = [new SubmissionProof { ClaimId = "X1", AcceptedDate = new DateOnly(2026, 9, 30), Source = ProofSource.Ack999, Reference = "999" }],
        };
        var back = RecordsSnapshotPayload.FromBytes(RecordsSnapshotPayload.ToBytes(snapshot));
        Assert.NotNull(back);
        Assert.Equal("ACME", back!.Payer!.Name);
        Assert.Equal(90, back.Payer.AppealWindowDays);
        Assert.Equal(new DateOnly(2026, 9, 30), Assert.Single(back.SubmissionProofs).AcceptedDate);

        var rng = new Random(7);
        var huge = snapshot with
        {
            SubmissionProofs = [.. Enumerable.Range(0, 4000).Select(i => new SubmissionProof
            {
                ClaimId = Convert.ToHexString(BitConverter.GetBytes(rng.NextInt64())), AcceptedDate = new DateOnly(2026, 1, 1),
                Source = ProofSource.Csv, Reference = Convert.ToHexString(BitConverter.GetBytes(rng.NextInt64())),
            })],
        };
        Assert.Null(RecordsSnapshotPayload.ToBytes(huge)); // over 60 KiB gzip'd: drafting reads the records again
        Assert.Null(RecordsSnapshotPayload.FromBytes([1, 2, 3])); // unreadable: read again, never throw
    }
}
