using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DenialPipeline.Research.Records;
using DenialPipeline.Testing;
using DenialPipeline.X12;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Research messages arrive 16 at a time: those that need the records catalog or a payer profile at the same moment share
/// one read instead of each making its own (issue #22: the first denials of a file cost one read each).
/// </summary>
public sealed class RecordStoreSharedReadsTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task ConcurrentKindChecks_ReadTheCatalogOnce()
    {
        var counter = new GetRequestCounter();
        var records = new RecordStore(Client(counter));
        // A kind never imported is absent, so every caller would need the catalog.
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => records.KindsPresentAsync([Coverage.Kind]))));
        Assert.All(answers, a => Assert.DoesNotContain(Coverage.Kind, a));
        Assert.Equal(1, counter.Count($"PartitionKey='{RecordStore.CatalogPartition}'"));
    }

    [Fact]
    public async Task ConcurrentSnapshots_OfOnePayer_ReadItsProfileOnce()
    {
        var file = SyntheticRemittance.Build(16, deniedPerTen: 10, prefix: "SHR");
        var claims = Remittance835Reader.Parse(file.Text).Transactions.SelectMany(t => t.Claims.Select(c => (t: t.Transaction, c))).ToList();
        var counter = new GetRequestCounter();
        var records = new RecordStore(Client(counter));
        await Task.WhenAll(claims.Select(x => Task.Run(() => records.SnapshotAsync(x.t, x.c))));
        Assert.Equal(16, claims.Count);
        Assert.Equal(1, counter.Count($"PartitionKey='{PayerProfile.Kind}'"));
        // Each claim's own record is still read once per claim: only shared reference data is shared.
        Assert.Equal(16, counter.Count($"PartitionKey='{SubmittedClaim.Kind}'"));
    }

    private TableServiceClient Client(GetRequestCounter counter)
    {
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        return new TableServiceClient(f.Azurite.ConnectionString, options);
    }
}
