using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Property: whatever happens to cases and files, in whatever order, and whenever the rollup runs, the stored Metrics rows
/// after a rollup equal a full recomputation from every case (with its history) and every file's receipts.
/// Bounded (12 sequences of 5–30 events) with fixed seeds, so a run is repeatable; the store accumulates across sequences.
/// </summary>
public sealed class RollupPropertyTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task RollupAfterAnySequence_EqualsFullRecomputation()
    {
        var rollup = f.Get<MetricsRollup>();
        for (var run = 0; run < 12; run++)
        {
            var steps = RollupSteps.Generate(20261126UL + (ulong)run);
            var ids = new List<string>();
            foreach (var step in steps)
                await ApplyAsync(run, step, ids);
            await rollup.RunAsync();
            var stored = await rollup.ReadStoredAsync();
            var full = await rollup.RecomputeAsync();
            Assert.True(stored.SameAs(full), $"Run {run}: rollup differs from a full recomputation after {string.Join(", ", steps.Select(s => s.ToString()))}\nstored: {stored.Serialize()}\nfull:   {full.Serialize()}");
        }
    }

    /// <summary>
    /// A run that stops after adding its changes to the rows but before recording what it applied (storage fails on
    /// the first write of an "applied" row): the next run must not add the same changes again.
    /// </summary>
    [Fact]
    public async Task RunStoppedWhileApplying_NextRunRebuilds_NothingCountedTwice()
    {
        var rollup = f.Get<MetricsRollup>();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) await ApplyAsync(100, new RollupSteps.Step(RollupSteps.Op.Open, i, i * 7, i * 3), ids);
        await rollup.RunAsync();
        for (var i = 0; i < 4; i++) await ApplyAsync(100, new RollupSteps.Step(RollupSteps.Op.Open, i + 1, i * 11, i * 5), ids);
        await ApplyAsync(100, new RollupSteps.Step(RollupSteps.Op.Assign, 2, 1, 1), ids);

        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new FailWritesToAppliedRows(), HttpPipelinePosition.PerCall);
        var interrupted = new MetricsRollup(new TableServiceClient(f.Azurite.ConnectionString, options), f.Get<CaseStore>(), f.Time, NullLogger<MetricsRollup>.Instance);
        await Assert.ThrowsAsync<RequestFailedException>(() => interrupted.RunAsync());
        // The rows now hold the changes, the "applied" records do not: an incremental run would add them a second time.
        var state = await f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics)
            .GetEntityAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow);
        Assert.True(state.Value.Applying);

        var next = await rollup.RunAsync();
        Assert.True(next.Ran);
        var stored = await rollup.ReadStoredAsync();
        var full = await rollup.RecomputeAsync();
        Assert.True(stored.SameAs(full), $"after an interrupted run the rollup differs from a full recomputation\nstored: {stored.Serialize()}\nfull:   {full.Serialize()}");
        // And the run after that is incremental again and still equal.
        await ApplyAsync(100, new RollupSteps.Step(RollupSteps.Op.Open, 3, 5, 7), ids);
        await rollup.RunAsync();
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
    }

    /// <summary>A full rebuild asked for while a run holds the lease deletes nothing (it used to delete first and then find the lease taken).</summary>
    [Fact]
    public async Task Rebuild_WhileAnotherRunHoldsTheLease_DeletesNothing()
    {
        var rollup = f.Get<MetricsRollup>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) await ApplyAsync(200, new RollupSteps.Step(RollupSteps.Op.Open, i, i * 13, i), ids);
        await rollup.RunAsync();
        var before = await rollup.ReadStoredAsync();
        Assert.NotEmpty(before.Cells);

        var metrics = f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics);
        await metrics.AddEntityAsync(new RollupStateEntity { RowKey = RollupStateEntity.LeaseRow, LeaseUntil = f.Time.GetUtcNow() + MetricsRollup.LeaseFor });
        try
        {
            var rebuilt = await rollup.RebuildAsync();
            Assert.False(rebuilt.Ran);
            Assert.True((await rollup.ReadStoredAsync()).SameAs(before), "a rebuild that could not take the lease changed the rows");
        }
        finally
        {
            await metrics.DeleteEntityAsync(RollupStateEntity.Partition, RollupStateEntity.LeaseRow, ETag.All);
        }
        Assert.True((await rollup.RebuildAsync()).Ran);
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
    }

    private sealed class FailWritesToAppliedRows : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get
                && (Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains("PartitionKey='applied'", StringComparison.Ordinal) || BatchNamesApplied(message.Request)))
                throw new RequestFailedException(503, "injected: storage failed while the rollup recorded what it applied");
        }

        // The applied rows are written in transactions: the partition is named in the batch body, not the URL.
        private static bool BatchNamesApplied(Request request)
        {
            if (request.Content is null || !request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)) return false;
            using var body = new MemoryStream();
            request.Content.WriteTo(body, CancellationToken.None);
            return Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(body.ToArray())).Contains("PartitionKey='applied'", StringComparison.Ordinal);
        }
    }

    private Task ApplyAsync(int run, RollupSteps.Step s, List<string> ids) => RollupSteps.ApplyAsync(f, run, s, ids);
}
