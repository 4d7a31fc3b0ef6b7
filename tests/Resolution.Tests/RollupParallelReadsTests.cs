using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// The rollup reads what it last applied for the sources of a page at <see cref="MetricsOptions.RollupReadParallelism"/>
/// requests at once (issue #22: one at a time before), and otherwise does exactly what one read at a time did: the same
/// figures, applied rows and watermarks; a failed or cancelled read stops the run before its first write.
/// </summary>
public sealed class RollupParallelReadsTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private TableClient Metrics => f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics);

    /// <summary>More cases than one query page (1,000), so the reads of two pages are each bounded and diffed in order.</summary>
    [Fact]
    public async Task AppliedReads_OverlapUpToTheBound_AndNeverBeyond()
    {
        var store = f.Get<CaseStore>();
        for (var i = 0; i < 1_050; i++)
            await store.CreateAsync(new CaseEntity
            {
                CaseId = $"par{i:D4}", PayerId = "66666", PatientControlNumber = $"Q{i}", DeniedAmount = 20 + i, ChargeAmount = 20 + i,
                ReasonCodes = "CO-16", RemittanceDate = f.Time.GetUtcNow().UtcDateTime.Date,
            }, new CaseChange("Opened", CaseStatus.New, "system:ingest"));

        var counter = new InFlightCounter(TimeSpan.FromMilliseconds(10));
        var result = await Rollup(4, counter).RunAsync();

        Assert.True(result.SourcesChanged >= 1_050, $"changed {result.SourcesChanged}");
        Assert.True(counter.AppliedReads >= 1_050, $"applied reads {counter.AppliedReads}");
        Assert.True(counter.CaseQueryPages >= 2, $"case query pages {counter.CaseQueryPages}");
        Assert.Equal(4, counter.MaxInFlight); // reached, and never more: nothing else is sent while a page is read
        Assert.True((await f.Get<MetricsRollup>().ReadStoredAsync()).SameAs(await f.Get<MetricsRollup>().RecomputeAsync()));
    }

    /// <summary>
    /// On the property tests' sequences: from the same stored state, a run with parallel reads leaves the same figures,
    /// the same applied rows and the same watermarks as a run with one read at a time (and both equal a recomputation).
    /// </summary>
    [Fact]
    public async Task ParallelRun_LeavesWhatOneReadAtATimeLeaves()
    {
        for (var run = 0; run < 8; run++)
        {
            var steps = RollupSteps.Generate(20261205UL + (ulong)run);
            var ids = new List<string>();
            foreach (var step in steps) await RollupSteps.ApplyAsync(f, 300 + run, step, ids);

            var snapshot = await RollupRowsAsync();
            var sequential = await RunAndReadAsync(Rollup(1));
            await RestoreAsync(snapshot);
            var parallel = await RunAndReadAsync(Rollup(3));

            var what = $"run {run}: {string.Join(", ", steps.Select(s => s.ToString()))}";
            Assert.Equal(sequential.Result, parallel.Result);
            Assert.True(sequential.Figures.SameAs(parallel.Figures), $"{what}\nsequential: {sequential.Figures.Serialize()}\nparallel:   {parallel.Figures.Serialize()}");
            Assert.Equal(sequential.Applied, parallel.Applied);
            Assert.Equal(sequential.Watermarks, parallel.Watermarks);
            Assert.True(parallel.Figures.SameAs(await f.Get<MetricsRollup>().RecomputeAsync()), what);
        }
    }

    [Fact]
    public async Task AReadThatFails_FailsTheRunBeforeAnyWrite_AndTheNextRunIsWhole()
    {
        var (before, state) = await ChangedSinceLastRunAsync(400);
        var counter = new InFlightCounter(TimeSpan.Zero) { FailAppliedRead = 5 };

        await Assert.ThrowsAsync<RequestFailedException>(() => Rollup(4, counter).RunAsync());

        await AssertNothingWrittenAsync(counter, before, state);
    }

    [Fact]
    public async Task CancelledWhileReading_StopsBeforeAnyWrite_AndTheNextRunIsWhole()
    {
        var (before, state) = await ChangedSinceLastRunAsync(500);
        using var cts = new CancellationTokenSource();
        var counter = new InFlightCounter(TimeSpan.FromMilliseconds(5)) { CancelAtAppliedRead = (3, cts) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Rollup(4, counter).RunAsync(cts.Token));

        await AssertNothingWrittenAsync(counter, before, state);
    }

    /// <summary>Cases rolled up once, then changed and added to: the next run has reads to do.</summary>
    private async Task<(MetricsContribution Figures, (DateTimeOffset?, DateTimeOffset?, bool) State)> ChangedSinceLastRunAsync(int run)
    {
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) await RollupSteps.ApplyAsync(f, run, new RollupSteps.Step(RollupSteps.Op.Open, i, i * 7, i * 3), ids);
        await f.Get<MetricsRollup>().RunAsync();
        for (var i = 0; i < 12; i++) await RollupSteps.ApplyAsync(f, run, new RollupSteps.Step(RollupSteps.Op.Open, i + 1, i * 11, i * 5), ids);
        for (var i = 0; i < 6; i++) await RollupSteps.ApplyAsync(f, run, new RollupSteps.Step(RollupSteps.Op.Assign, i, i + 1, i + 2), ids);
        return (await f.Get<MetricsRollup>().ReadStoredAsync(), await StateAsync());
    }

    private async Task AssertNothingWrittenAsync(InFlightCounter counter, MetricsContribution before, (DateTimeOffset?, DateTimeOffset?, bool) state)
    {
        Assert.Empty(counter.Writes); // the lease's own insert and delete aside
        Assert.True((await f.Get<MetricsRollup>().ReadStoredAsync()).SameAs(before));
        Assert.Equal(state, await StateAsync());
        var next = await f.Get<MetricsRollup>().RunAsync(); // the lease was given back
        Assert.True(next.Ran);
        Assert.True((await f.Get<MetricsRollup>().ReadStoredAsync()).SameAs(await f.Get<MetricsRollup>().RecomputeAsync()));
    }

    private MetricsRollup Rollup(int parallelism, InFlightCounter? counter = null)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        if (counter is not null) options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        return new MetricsRollup(new TableServiceClient(f.Azurite.ConnectionString, options), f.Get<CaseStore>(), f.Time,
            NullLogger<MetricsRollup>.Instance, Options.Create(new MetricsOptions { RollupReadParallelism = parallelism }));
    }

    private sealed record RunOutcome(RollupResult Result, MetricsContribution Figures, Dictionary<string, string> Applied, (DateTimeOffset?, DateTimeOffset?, bool) Watermarks);

    private async Task<RunOutcome> RunAndReadAsync(MetricsRollup rollup)
    {
        var result = await rollup.RunAsync();
        var applied = new Dictionary<string, string>();
        await foreach (var a in Metrics.QueryAsync<MetricsSourceEntity>(e => e.PartitionKey == MetricsSourceEntity.Applied))
            applied[a.RowKey] = a.Json;
        return new RunOutcome(result, await rollup.ReadStoredAsync(), applied, await StateAsync());
    }

    private async Task<(DateTimeOffset?, DateTimeOffset?, bool)> StateAsync()
    {
        var s = await Metrics.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow);
        return s.HasValue ? (s.Value!.CasesThrough, s.Value.FilesThrough, s.Value.Applying) : (null, null, false);
    }

    /// <summary>Every row the rollup owns (aggregates, applied, its state): what a run starts from.</summary>
    private async Task<List<TableEntity>> RollupRowsAsync()
    {
        var filter = TableClient.CreateQueryFilter(
            $"(PartitionKey ge {"m-"} and PartitionKey lt {"m."}) or PartitionKey eq {MetricsCellKey.OpenPartition} or PartitionKey eq {MetricsSourceEntity.Applied} or PartitionKey eq {RollupStateEntity.Partition}");
        var rows = new List<TableEntity>();
        await foreach (var e in Metrics.QueryAsync<TableEntity>(filter)) rows.Add(e);
        return rows;
    }

    private async Task RestoreAsync(List<TableEntity> snapshot)
    {
        foreach (var e in await RollupRowsAsync()) await Metrics.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All);
        foreach (var e in snapshot) await Metrics.UpsertEntityAsync(e, TableUpdateMode.Replace);
    }

    /// <summary>
    /// Counts requests in flight (holding each read of an applied row for <paramref name="hold"/> so reads that can overlap
    /// do), query pages of the Cases table and writes other than the lease's; fails or cancels at the Nth applied read.
    /// </summary>
    private sealed class InFlightCounter(TimeSpan hold) : HttpPipelinePolicy
    {
        private int _inFlight, _maxInFlight, _appliedReads, _caseQueryPages;
        public int MaxInFlight => _maxInFlight;
        public int AppliedReads => _appliedReads;
        public int CaseQueryPages => _caseQueryPages;
        public System.Collections.Concurrent.ConcurrentQueue<string> Writes { get; } = new();
        public int? FailAppliedRead { get; init; }
        public (int At, CancellationTokenSource Cts)? CancelAtAppliedRead { get; init; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var now = Interlocked.Increment(ref _inFlight);
            for (var max = _maxInFlight; now > max; max = _maxInFlight) Interlocked.CompareExchange(ref _maxInFlight, now, max);
            try
            {
                var url = Uri.UnescapeDataString(message.Request.Uri.ToString());
                if (message.Request.Method == RequestMethod.Get && url.Contains("(PartitionKey='applied'", StringComparison.Ordinal))
                {
                    var n = Interlocked.Increment(ref _appliedReads);
                    if (n == FailAppliedRead) throw new RequestFailedException(503, "injected: storage failed on a read of what the rollup last applied");
                    if (CancelAtAppliedRead is { } c && n == c.At) await c.Cts.CancelAsync();
                    if (hold > TimeSpan.Zero) await Task.Delay(hold, message.CancellationToken);
                }
                else if (message.Request.Method == RequestMethod.Get && url.Contains("/Cases()", StringComparison.Ordinal)) Interlocked.Increment(ref _caseQueryPages);
                else if (message.Request.Method != RequestMethod.Get && !NamesTheLease(message.Request, url)) Writes.Enqueue(message.Request.Method + " " + url);
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static bool NamesTheLease(Request request, string url)
        {
            if (url.Contains("RowKey='lease'", StringComparison.Ordinal)) return true;
            if (request.Content is null) return false;
            using var body = new MemoryStream();
            request.Content.WriteTo(body, CancellationToken.None);
            return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains("\"RowKey\":\"lease\"", StringComparison.Ordinal);
        }
    }
}
