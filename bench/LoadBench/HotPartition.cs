using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Hosting;
using DenialPipeline.LocalHost;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;

namespace DenialPipeline.Bench;

/// <summary>
/// The hot-partition pattern (issue #22), driven on a private Azurite: the busiest partitions LoadBench counts are a
/// payer's (the case index <c>idx-&lt;payer&gt;</c>, <c>PaidService-&lt;payer&gt;</c>), written by every ingest of that
/// payer's files. Phase "hot": N ingests at once file cases under the <b>same</b> claim numbers of <b>one</b> payer
/// (every index row written by every ingest: ETag conflicts, merges); phase "spread": the same work with one payer per
/// ingest (no shared partition). Afterwards every index row must hold exactly the case ids filed under it — none lost,
/// none doubled — which is what the design claims (<see cref="CaseIndexSession"/>). Then raw inserts: N writers
/// adding rows to one partition vs one partition each, the entity rate Azure's 2,000-entities/s partition target limits.
/// Azurite has no partition servers, so it shows contention and correctness, not Azure's throttling (docs/capacity.md).
/// usage: LoadBench hot [ingests=16] [claims=300]
/// </summary>
public static class HotPartition
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var ingests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var claims = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var azurite = await AzuriteLauncher.StartPrivateAsync(ct);
        var counter = new Counter();
        var options = StorageEndpoints.Configured(new TableClientOptions());
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(azurite.ConnectionString, options);
        await tables.GetTableClient(StorageNames.Tables.Cases).CreateIfNotExistsAsync(ct);
        var index = new CaseIndex(tables);

        Console.WriteLine($"{ingests} ingests at once, {claims} denied claims each ({ingests * claims:N0} cases filed in the case index):");
        Console.WriteLine();
        Console.WriteLine("| phase | index partitions | seconds | index rows | requests | conflict answers (409/412) | ids lost / doubled |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        var failed = false;
        // (one payer for all ingests, the same claim numbers in every ingest): the same rows, one partition, spread.
        foreach (var (name, onePayer, sameClaims) in new[]
                 {
                     ("one payer, the same claims in every ingest", true, true),
                     ("one payer, each ingest its own claims", true, false),
                     ("a payer per ingest (spread)", false, false),
                 })
        {
            counter.Reset();
            var run = Guid.NewGuid().ToString("N")[..6];
            string Payer(int i) => onePayer ? $"HOT{run}" : $"SPREAD{run}-{i}";
            var filed = new ConcurrentDictionary<IndexKey, ConcurrentBag<string>>();
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, ingests).Select(i => Task.Run(async () =>
            {
                var session = index.OpenSession();
                for (var n = 0; n < claims; n++)
                {
                    var c = new CaseEntity
                    {
                        CaseId = Keys.Hash("c", run, i.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)),
                        PayerId = Payer(i), PayerName = "P", PatientControlNumber = sameClaims ? $"PCN{n:D5}" : $"PCN{i:D3}-{n:D5}",
                    };
                    await session.AddAndFindAsync(c, [], ct);
                    filed.GetOrAdd(CaseIndex.PatientControlNumberKey(c.PayerId, c.PatientControlNumber), _ => []).Add(c.CaseId);
                }
                await session.FlushAsync(ct);
            }, ct)));
            sw.Stop();
            var (requests, conflicts) = (counter.Total, counter.Conflicts);
            var (lost, doubled) = await CheckAsync(index, filed, ct);
            failed |= lost + doubled > 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {(onePayer ? 1 : ingests)} | {sw.Elapsed.TotalSeconds:F1} | {filed.Count:N0} | {requests:N0} | {conflicts:N0} | {lost} / {doubled} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"raw inserts, {ingests} writers × {claims} rows (one request per row):");
        Console.WriteLine();
        Console.WriteLine("| phase | partitions | seconds | entities/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        var raw = tables.GetTableClient("HotRaw");
        await raw.CreateIfNotExistsAsync(ct);
        foreach (var hot in new[] { true, false })
        {
            var run = Guid.NewGuid().ToString("N")[..6];
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, ingests).Select(i => Task.Run(async () =>
            {
                for (var n = 0; n < claims; n++)
                    await raw.AddEntityAsync(new TableEntity(hot ? run : $"{run}-{i}", $"{i:D3}-{n:D5}") { ["V"] = n }, ct);
            }, ct)));
            sw.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(hot ? "one partition" : "a partition per writer")} | {(hot ? 1 : ingests)} | {sw.Elapsed.TotalSeconds:F1} | {ingests * claims / sw.Elapsed.TotalSeconds:F0} |"));
        }
        Console.WriteLine();
        Console.WriteLine(failed ? "FAILED: an index row lost or doubled a case id" : "every index row holds exactly the case ids filed under it");
        return failed ? 1 : 0;
    }

    /// <summary>Reads every row back in a fresh session: (ids missing, ids present twice) over all rows.</summary>
    private static async Task<(int Lost, int Doubled)> CheckAsync(CaseIndex index, ConcurrentDictionary<IndexKey, ConcurrentBag<string>> filed, CancellationToken ct)
    {
        int lost = 0, doubled = 0;
        var fresh = index.OpenSession();
        foreach (var (key, ids) in filed)
        {
            var stored = await fresh.FindAsync([key], ct);
            lost += ids.Count(id => !stored.Contains(id));
            doubled += stored.Count - stored.Distinct().Count();
        }
        return (lost, doubled);
    }

    /// <summary>Counts table requests and the conflicts (409/412) the service answered.</summary>
    private sealed class Counter : HttpPipelinePolicy
    {
        private long _total, _conflicts;
        public long Total => Interlocked.Read(ref _total);
        public long Conflicts => Interlocked.Read(ref _conflicts);

        public void Reset()
        {
            Interlocked.Exchange(ref _total, 0);
            Interlocked.Exchange(ref _conflicts, 0);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Tally(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Tally(message);
        }

        private void Tally(HttpMessage message)
        {
            Interlocked.Increment(ref _total);
            // A failed transaction answers 202 with the failure inside; the SDK raises it, and the index merges row by row.
            if (message.Response.Status is 409 or 412 || (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && BatchFailed(message)))
                Interlocked.Increment(ref _conflicts);
        }

        private static bool BatchFailed(HttpMessage message)
        {
            if (message.Response.ContentStream is not { CanSeek: true } s) return false;
            var pos = s.Position;
            using var reader = new StreamReader(s, leaveOpen: true);
            var text = reader.ReadToEnd();
            s.Position = pos;
            return text.Contains("HTTP/1.1 412", StringComparison.Ordinal) || text.Contains("HTTP/1.1 409", StringComparison.Ordinal);
        }
    }
}
