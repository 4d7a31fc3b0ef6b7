using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// The rollup's writes to its one "applied" partition go in transactions of up to 100 rows (issue #22: one request per
/// changed case before), and the rows still equal a full recomputation afterwards.
/// </summary>
public sealed class RollupBatchingTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task AppliedRows_OfManyChangedCases_AreWrittenInTransactionsOfAHundred()
    {
        var store = f.Get<CaseStore>();
        for (var i = 0; i < 230; i++)
            await store.CreateAsync(new CaseEntity
            {
                CaseId = $"batch{i:D4}", PayerId = "44444", PatientControlNumber = $"B{i}", DeniedAmount = 10 + i, ChargeAmount = 10 + i,
                ReasonCodes = "CO-50", RemittanceDate = f.Time.GetUtcNow().UtcDateTime.Date,
            }, new CaseChange("Opened", CaseStatus.New, "system:ingest"));

        var counter = new WriteCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var rollup = new MetricsRollup(new TableServiceClient(f.Azurite.ConnectionString, options), store, f.Time, NullLogger<MetricsRollup>.Instance);
        var result = await rollup.RunAsync();

        Assert.True(result.SourcesChanged >= 230, $"changed {result.SourcesChanged}");
        Assert.Equal(0, counter.SingleWritesToApplied);
        Assert.InRange(counter.Batches, 3, 3 + 1); // ⌈230 / 100⌉ (and any earlier sources of this fixture)
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
    }

    [Fact]
    public async Task Rebuild_DeletesInTransactions_AndRecomputesTheSameRows()
    {
        var store = f.Get<CaseStore>();
        for (var i = 0; i < 120; i++)
            await store.CreateAsync(new CaseEntity
            {
                CaseId = $"rebuild{i:D4}", PayerId = "55555", PatientControlNumber = $"R{i}", DeniedAmount = 5 + i, ChargeAmount = 5 + i,
                ReasonCodes = "CO-197", RemittanceDate = f.Time.GetUtcNow().UtcDateTime.Date,
            }, new CaseChange("Opened", CaseStatus.New, "system:ingest"));
        await f.Get<MetricsRollup>().RunAsync();

        var counter = new WriteCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var rollup = new MetricsRollup(new TableServiceClient(f.Azurite.ConnectionString, options), store, f.Time, NullLogger<MetricsRollup>.Instance);
        await rollup.RebuildAsync();

        Assert.Equal(1, counter.Deletes); // the lease row only: every aggregated and applied row went in a transaction
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
    }

    private sealed class WriteCounter : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentBag<string> _seen = [];
        public int SingleWritesToApplied => _seen.Count(s => s == "applied");
        public int Batches => _seen.Count(s => s == "batch");
        public int Deletes => _seen.Count(s => s == "delete");

        public override void OnSendingRequest(HttpMessage message)
        {
            var r = message.Request;
            if (r.Method == RequestMethod.Get) return;
            var url = Uri.UnescapeDataString(r.Uri.ToString());
            if (url.EndsWith("$batch", StringComparison.Ordinal)) _seen.Add("batch");
            else if (r.Method == RequestMethod.Delete) _seen.Add("delete");
            else if (url.Contains("PartitionKey='applied'", StringComparison.Ordinal)) _seen.Add("applied");
        }
    }
}
