using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;
using DenialPipeline.Hosting;
using DenialPipeline.LocalHost;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Bench;

/// <summary>
/// The metrics rollup's reads (issue #22, docs/capacity.md item 4), on a private in-memory Azurite: N cases rolled up
/// once, then every case row touched (so every case is "changed" and its applied row exists, as in a busy period) and
/// rolled up again, at each read parallelism in turn, twice, in one process. An optional added delay per request stands
/// in for Azure's network round trip, which parallel reads overlap; on Azurite alone the emulator's CPU is most of a
/// request's time, and two cores cap what overlapping can win.
/// Then the alternative the rollup does not use (<see cref="CompareWithOrQueriesAsync"/>).
/// usage: LoadBench rollup [cases=3000] [delayMs=0] [parallelism=1,16]
/// </summary>
public static class RollupBench
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var delay = TimeSpan.FromMilliseconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0);
        var degrees = (args.Length > 3 ? args[3] : "1,16").Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var azurite = await AzuriteLauncher.StartPrivateAsync(ct);
        var counter = new DelayAndCount(delay);
        var options = StorageEndpoints.Configured(new TableClientOptions());
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(azurite.ConnectionString, options);
        foreach (var name in new[] { StorageNames.Tables.Cases, StorageNames.Tables.Metrics }) await tables.GetTableClient(name).CreateIfNotExistsAsync(ct);
        var store = new CaseStore(tables, TimeProvider.System);
        await SeedAsync(store, count, ct);
        MetricsRollup Rollup(int degree) => new(tables, store, TimeProvider.System, NullLogger<MetricsRollup>.Instance,
            Options.Create(new MetricsOptions { RollupReadParallelism = degree }));
        await Rollup(16).RunAsync(ct);

        Console.WriteLine($"{count:N0} changed cases per run, {delay.TotalMilliseconds:F0} ms added per request:");
        Console.WriteLine();
        Console.WriteLine("| read parallelism | run | seconds | requests | changed cases/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        for (var rep = 1; rep <= 2; rep++)
            foreach (var degree in degrees)
            {
                await TouchAsync(tables, ct);
                counter.Total = 0;
                var sw = Stopwatch.StartNew();
                var result = await Rollup(degree).RunAsync(ct);
                sw.Stop();
                if (result.CasesSeen < count) throw new InvalidOperationException($"the rollup saw {result.CasesSeen} of {count} cases");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {degree} | {rep} | {sw.Elapsed.TotalSeconds:F2} | {counter.Total:N0} | {count / sw.Elapsed.TotalSeconds:N0} |"));
            }
        await CompareWithOrQueriesAsync(tables.GetTableClient(StorageNames.Tables.Metrics), counter, count, ct);
        return 0;
    }

    /// <summary>
    /// The same applied rows read by queries naming 14 RowKeys each ("or", the most a filter allows beside the partition)
    /// and by point reads, 16 at a time both, with the partition as the rollup left it and then with 50,000 more rows
    /// (the partition keeps a row for every case there ever was): a query's time grows with the partition, a point
    /// read's does not.
    /// </summary>
    private static async Task CompareWithOrQueriesAsync(TableClient metrics, DelayAndCount counter, int count, CancellationToken ct)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"case-rb{i:D6}").ToArray();
        var sixteen = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct };
        Console.WriteLine();
        Console.WriteLine("| applied rows in the partition | reads of the run's rows | run | seconds | requests |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (var extra in new[] { 0, 50_000 })
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, extra / 100), sixteen, async (b, token) =>
                await metrics.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(j => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(MetricsSourceEntity.Applied, $"case-zz{b:D5}{j:D3}") { ["Json"] = "[]" })), token));
            for (var rep = 1; rep <= 2; rep++)
            {
                var found = 0;
                var (seconds, requests) = await TimeAsync(counter, () => Parallel.ForEachAsync(keys.Chunk(14), sixteen, async (chunk, token) =>
                {
                    var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MetricsSourceEntity.Applied}") + " and ("
                        + string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";
                    await foreach (var _ in metrics.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: token)) Interlocked.Increment(ref found);
                }));
                Check(found, count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {count + extra:N0} | queries of 14 RowKeys | {rep} | {seconds:F2} | {requests:N0} |"));
                found = 0;
                (seconds, requests) = await TimeAsync(counter, () => Parallel.ForEachAsync(keys, sixteen, async (k, token) =>
                {
                    if ((await metrics.GetEntityIfExistsAsync<TableEntity>(MetricsSourceEntity.Applied, k, cancellationToken: token)).HasValue) Interlocked.Increment(ref found);
                }));
                Check(found, count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {count + extra:N0} | point reads | {rep} | {seconds:F2} | {requests:N0} |"));
            }
        }
    }

    private static async Task<(double Seconds, long Requests)> TimeAsync(DelayAndCount counter, Func<Task> reads)
    {
        counter.Total = 0;
        var sw = Stopwatch.StartNew();
        await reads();
        return (sw.Elapsed.TotalSeconds, counter.Total);
    }

    private static void Check(int found, int count)
    {
        if (found != count) throw new InvalidOperationException($"read {found} of {count} applied rows");
    }

    private static Task SeedAsync(CaseStore store, int count, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
            await store.CreateAsync(new CaseEntity
            {
                CaseId = $"rb{i:D6}", PayerId = $"P{i % 7}", PatientControlNumber = $"RB{i}", DeniedAmount = 10 + i % 500, ChargeAmount = 10 + i % 500,
                ReasonCodes = "CO-50", RemittanceDate = DateTime.UtcNow.Date,
            }, new CaseChange("Opened", CaseStatus.New, "system:ingest"), token));

    /// <summary>Rewrites every case row as it is: a new server timestamp, the same contribution (so the run reads, and writes nothing).</summary>
    private static async Task TouchAsync(TableServiceClient tables, CancellationToken ct)
    {
        var cases = tables.GetTableClient(StorageNames.Tables.Cases);
        var rows = new List<TableEntity>();
        await foreach (var e in cases.QueryAsync<TableEntity>(CaseEntity.CaseRowsFilter, cancellationToken: ct)) rows.Add(e);
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (e, token) => await cases.UpdateEntityAsync(e, Azure.ETag.All, TableUpdateMode.Replace, token));
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
    }

    /// <summary>Counts requests and holds each for the added delay before sending it.</summary>
    private sealed class DelayAndCount(TimeSpan delay) : HttpPipelinePolicy
    {
        private long _total;
        public long Total { get => Interlocked.Read(ref _total); set => Interlocked.Exchange(ref _total, value); }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _total);
            if (delay > TimeSpan.Zero) Thread.Sleep(delay);
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref _total);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, message.CancellationToken);
            await ProcessNextAsync(message, pipeline);
        }
    }
}
