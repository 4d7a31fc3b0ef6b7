using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using DenialPipeline.Bench;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.LocalHost;
using DenialPipeline.Research.Records;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Load benchmark: a 10,000-claim 835 (30 % denied) through the local pipeline on a private Azurite, beside a no-op
// chain of WebJobs triggers on queues of the same shape (file → one message per denied claim → research → drafting).
// usage: dotnet run -c Release --project bench/LoadBench -- [claims=10000] [deniedPerTen=3]
// usage: dotnet run -c Release --project bench/LoadBench -- hot [ingests=16] [claims=300]   (the hot-partition pattern, HotPartition.cs)
// usage: dotnet run -c Release --project bench/LoadBench -- rollup [cases=3000] [delayMs=0] [parallelism=1,16]   (RollupBench.cs)
if (args.Length > 0 && args[0] is "hot" or "rollup")
{
    using var modeCts = new CancellationTokenSource(TimeSpan.FromMinutes(14));
    return args[0] == "hot" ? await HotPartition.RunAsync(args, modeCts.Token) : await RollupBench.RunAsync(args, modeCts.Token);
}
var claims = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var deniedPerTen = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(14));
var ct = cts.Token;
// The emulator as the local host runs it (`dotnet run --project src/LocalHost`): persisting to a data folder. Azurite's
// in-memory mode (LOADBENCH_EMULATOR=memory, what the tests use) keeps every queue message in an extent of its own and
// garbage-collects them one by one every 60 s — a minute-long stall of the queue service mid-run once a few thousand
// messages were consumed; on disk, messages share extent files and the sweep is cheap.
var inMemory = Environment.GetEnvironmentVariable("LOADBENCH_EMULATOR") == "memory";
var dataRoot = Path.Combine(Path.GetTempPath(), "loadbench-" + Guid.NewGuid().ToString("N")[..8]);
Task<AzuriteLauncher> FreshEmulator(string phase) =>
    inMemory ? AzuriteLauncher.StartPrivateAsync(ct) : AzuriteLauncher.StartPrivateAsync(Path.Combine(dataRoot, phase), ct);

var calls = AzureCallCounter.Start();
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
var file = SyntheticRemittance.Build(claims, deniedPerTen, prefix: "LB", trace: "990000001");
var denied = file.Denied.Count();
Console.WriteLine($"file: {claims} claims, {denied} denied, {file.Text.Length:N0} bytes; emulator {(inMemory ? "in memory" : "on disk, " + dataRoot)}");

// 1. The floor: what Azurite and the WebJobs host allow with no table work.
// On an emulator of its own: after a run, Azurite spends minutes of CPU collecting the deleted messages' extents, which
// would otherwise be charged to whichever phase comes second. Each phase starts on a fresh, empty emulator.
TimeSpan floor;
Cpu cpuFloor;
await using (var floorAzurite = await FreshEmulator("floor"))
{
    var cpu0 = Cpu.Now(floorAzurite);
    floor = await NoopChain.RunAsync(floorAzurite.ConnectionString, denied, ct);
    cpuFloor = Cpu.Now(floorAzurite) - cpu0;
}
Console.WriteLine($"no-op floor CPU: this process {cpuFloor.Self:F1} s, Azurite {cpuFloor.Azurite:F1} s");
Console.WriteLine($"no-op floor: {denied} messages through file → research → drafting in {floor.TotalSeconds:F1} s = {denied / floor.TotalSeconds:F1} claims/s");

// 2. The pipeline.
await using var azurite = await FreshEmulator("pipeline");
var settings = new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft"] = "Warning", ["Logging:LogLevel:DenialPipeline"] = "Warning",
};
var url = $"http://127.0.0.1:{FreePort()}";
// LOADBENCH_COUNT=0: no request counter on the pipeline's clients. It re-serialises every table write to find its
// partitions, CPU the pipeline phase pays and the floor does not: ratio comparisons run without it (bench/ratio-ab.sh).
var counting = Environment.GetEnvironmentVariable("LOADBENCH_COUNT") != "0";
using var host = LocalPipeline.Build(new LocalPipelineOptions(azurite.ConnectionString, url, Settings: settings,
    ConfigureServices: counting ? services => StorageRequestCounter.Register(services, azurite.ConnectionString) : null), new MailCapture(null));
await LocalPipeline.EnsureStorageAsync(host, ct);
await host.Services.GetRequiredService<RecordStore>().UpsertAsync(file.SubmittedClaims().Select(RecordStore.ToEntity), ct);
await host.StartAsync(ct);
var store = host.Services.GetRequiredService<CaseStore>();
var letters = host.Services.GetRequiredService<LetterStore>();

var cpu1 = Cpu.Now(azurite);
var perServiceStart = new Dictionary<string, double>(Cpu.PerService);
calls.Enabled = true;
StorageRequestCounter.Enabled = counting;
using var allocations = Environment.GetEnvironmentVariable("LOADBENCH_ALLOCS") == "1" ? new AllocationSampler() : null;
if (allocations is not null) allocations.Enabled = true;
var gc1 = (Pause: GC.GetTotalPauseDuration(), G0: GC.CollectionCount(0), G1: GC.CollectionCount(1), G2: GC.CollectionCount(2), Alloc: GC.GetTotalAllocatedBytes());
var dropAt = DateTimeOffset.UtcNow;
var sw = Stopwatch.StartNew();
await host.Services.GetRequiredService<DropClient>().DropAsync("load.835", System.Text.Encoding.UTF8.GetBytes(file.Text), enqueue: true, ct);
var qs = host.Services.GetRequiredService<QueueServiceClient>();
// Watch the queues only (cheap): a table scan of the growing Cases table every poll slowed Azurite — and the run — down.
// Done = every stage queue empty for 3 s after the drop; then the tables are read once for the figures.
DateTime? quiet = null;
var lastReport = TimeSpan.Zero;
while (true)
{
    var (pending, poisoned) = await PipelineQueuesProbe.CountAsync(qs);
    if (sw.Elapsed - lastReport > TimeSpan.FromSeconds(15))
    {
        Console.WriteLine($"  {sw.Elapsed.TotalSeconds,6:F1} s: queued {pending}, poisoned {poisoned}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        lastReport = sw.Elapsed;
    }
    if (pending == 0 && sw.Elapsed > TimeSpan.FromSeconds(5)) { quiet ??= DateTime.UtcNow; if (DateTime.UtcNow - quiet > TimeSpan.FromSeconds(3)) break; }
    else quiet = null;
    await Task.Delay(1000, ct);
}
sw.Stop();
var cpuPipeline = Cpu.Now(azurite) - cpu1;
var allocatedInPipeline = GC.GetTotalAllocatedBytes() - gc1.Alloc;
if (allocations is not null) allocations.Enabled = false;
// The metrics rollup the clock runs every 5 minutes, once over this run's cases (its first run: every case is new to it).
StorageRequestCounter.Label.Value = "metrics rollup (once, after)";
var rollupWatch = Stopwatch.StartNew();
var rolled = await host.Services.GetRequiredService<DenialPipeline.Metrics.MetricsRollup>().RunAsync(ct);
Console.WriteLine($"metrics rollup after the run: {rolled.CasesSeen} cases seen, {rolled.SourcesChanged} sources changed, {rolled.RowsWritten} rows written in {rollupWatch.Elapsed.TotalSeconds:F1} s");
StorageRequestCounter.Label.Value = null;
Console.WriteLine("Azurite CPU by service during the pipeline run: " + string.Join(", ", Cpu.PerService.Select(kv => $"{kv.Key} {kv.Value - perServiceStart.GetValueOrDefault(kv.Key):F1} s")));
calls.Enabled = false;
StorageRequestCounter.Enabled = false;
allocations?.Print(denied);
Console.WriteLine($"GC during the pipeline run: {allocatedInPipeline / 1e6:F0} MB allocated (the rollup after it: {(GC.GetTotalAllocatedBytes() - gc1.Alloc - allocatedInPipeline) / 1e6:F0} MB), gen0/1/2 collections {GC.CollectionCount(0) - gc1.G0}/{GC.CollectionCount(1) - gc1.G1}/{GC.CollectionCount(2) - gc1.G2}, pause {(GC.GetTotalPauseDuration() - gc1.Pause).TotalSeconds:F1} s, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB, server GC {System.Runtime.GCSettings.IsServerGC}");
Console.WriteLine("storage operations during the pipeline run (Azure SDK scopes), per denied claim:");
foreach (var (op, n) in calls.Counts.OrderByDescending(kv => kv.Value))
    Console.WriteLine($"  {op,-45} {n,7} {(double)n / denied,7:F2}");
Console.WriteLine($"pipeline CPU: this process {cpuPipeline.Self:F1} s, Azurite {cpuPipeline.Azurite:F1} s (over {sw.Elapsed.TotalSeconds:F1} s, the last ~4 s idle)");
Console.WriteLine($"per denial: {cpuPipeline.Self / denied * 1000:F1} CPU ms in this process, {cpuPipeline.Azurite / denied * 1000:F1} CPU ms in Azurite; peak working set {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
// With the counter: every letter approved and delivered, so the request tables cover a denial's whole path (DeliveryPhase).
if (counting && Environment.GetEnvironmentVariable("LOADBENCH_DELIVER") != "0") await DeliveryPhase.RunAsync(host, calls, denied, ct);
if (counting) RequestTables.Print(claims, denied);

var cases = await store.ListAsync(cancellationToken: ct);
var all = await letters.ListAsync(cancellationToken: ct);
var letterAt = all.GroupBy(l => l.CaseId).ToDictionary(g => g.Key, g => g.Min(l => l.CreatedAt));
var perCase = cases.Where(c => letterAt.ContainsKey(c.CaseId)).Select(c => (letterAt[c.CaseId] - c.CreatedAt).TotalMilliseconds).Order().ToList();
var dropToLast = (all.Max(l => l.CreatedAt) - dropAt).TotalSeconds;
var p95 = perCase[(int)Math.Ceiling(perCase.Count * 0.95) - 1];
var fromDrop = letterAt.Values.Select(t => (t - dropAt).TotalMilliseconds).Order().ToList();
var dropP95 = fromDrop[(int)Math.Ceiling(fromDrop.Count * 0.95) - 1];
var dropP50 = fromDrop[fromDrop.Count / 2];
var p50 = perCase[perCase.Count / 2];
var pipelineRate = denied / dropToLast;
var floorRate = denied / floor.TotalSeconds;
var result = new
{
    claims, denied, cases = cases.Count, letters = all.Count,
    dropToLastLetterSeconds = Math.Round(dropToLast, 1),
    claimsPerSecond = Math.Round(claims / dropToLast, 1),
    deniedClaimsPerSecond = Math.Round(pipelineRate, 1),
    caseToLetterP50Ms = Math.Round(p50), caseToLetterP95Ms = Math.Round(p95),
    dropToLetterP50Ms = Math.Round(dropP50), dropToLetterP95Ms = Math.Round(dropP95),
    noopFloorSeconds = Math.Round(floor.TotalSeconds, 1),
    noopFloorClaimsPerSecond = Math.Round(floorRate, 1),
    ratioToFloor = Math.Round(pipelineRate / floorRate, 2),
    floorCpuSeconds = new { self = Math.Round(cpuFloor.Self, 1), azurite = Math.Round(cpuFloor.Azurite, 1) },
    pipelineCpuSeconds = new { self = Math.Round(cpuPipeline.Self, 1), azurite = Math.Round(cpuPipeline.Azurite, 1) },
    cores = Environment.ProcessorCount,
    emulator = inMemory ? "memory" : "disk",
};
Console.WriteLine(JsonSerializer.Serialize(result));
await host.StopAsync(CancellationToken.None);
await azurite.DisposeAsync();
if (!inMemory) try { Directory.Delete(dataRoot, recursive: true); } catch (IOException) { }
return cases.Count == denied && all.Count == denied ? 0 : 1;

static int FreePort()
{
    var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    l.Start();
    try { return ((System.Net.IPEndPoint)l.LocalEndpoint).Port; } finally { l.Stop(); }
}

/// <summary>CPU seconds used so far by this process and by the emulator's node processes (one per service, found by port).</summary>
readonly record struct Cpu(double Self, double Azurite)
{
    public static Cpu operator -(Cpu a, Cpu b) => new(a.Self - b.Self, a.Azurite - b.Azurite);

    /// <summary>Azurite CPU seconds by service, as of the last <see cref="Now"/> (one process per service).</summary>
    public static Dictionary<string, double> PerService { get; } = [];

    public static Cpu Now(AzuriteLauncher emulator)
    {
        var ports = new[] { emulator.BlobPort, emulator.QueuePort, emulator.TablePort }.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();
        var self = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        double azurite = 0;
        PerService.Clear();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (!cmd.Contains("azurite", StringComparison.OrdinalIgnoreCase) || !ports.Any(p => cmd.Contains(p, StringComparison.Ordinal))) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var seconds = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0; // utime + stime, clock ticks
                azurite += seconds;
                foreach (var (service, port) in new[] { ("blob", ports[0]), ("queue", ports[1]), ("table", ports[2]) })
                    if (cmd.Contains($"{service}Port {port}", StringComparison.Ordinal)) PerService[service] = PerService.GetValueOrDefault(service) + seconds;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return new(self, azurite);
    }
}

/// <summary>Counts the Azure SDK operations (DiagnosticSource scopes such as "TableClient.GetEntity") this process makes.</summary>
sealed class AzureCallCounter : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Counts = new();
    private readonly List<IDisposable> _subscriptions = [];
    public bool Enabled;

    public static AzureCallCounter Start()
    {
        var c = new AzureCallCounter();
        c._subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(c));
        return c;
    }

    public void OnNext(System.Diagnostics.DiagnosticListener listener)
    {
        if (listener.Name.StartsWith("Azure.", StringComparison.Ordinal))
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (Enabled && e.Key.EndsWith(".Start", StringComparison.Ordinal) && !e.Key.StartsWith("Azure.Core.Http", StringComparison.Ordinal))
        {
            var n = Counts.AddOrUpdate(e.Key[..^6], 1, (_, n) => n + 1);
            if (Environment.GetEnvironmentVariable("LOADBENCH_TRACE") is { Length: > 0 } op && e.Key == op + ".Start" && (n <= 2 || n % 150 == 0))
                Console.WriteLine($"{op} #{n} from:{Environment.NewLine}{string.Join(Environment.NewLine, Environment.StackTrace.Split(Environment.NewLine).Where(l => l.Contains("DenialPipeline", StringComparison.Ordinal)))}");
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
