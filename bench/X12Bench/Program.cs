using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DenialPipeline.X12;

// X12 835 reader benchmark. Commands (each measurement runs in its own process, see ../run.sh):
//   generate <dir> <sizeMB>...        writes 835-<n>MB.x12 and 835-<n>MB.totals.json with Remittance835Generator
//   read <file> [async|sync]          reads the whole file with Remittance835Reader (full typed model, every claim,
//                                     line and adjustment walked), checks claim count and total paid against the
//                                     totals file, prints one JSON result line
//   loop <file> <rounds>              profiling aid: reads the file from memory <rounds> times, prints MB/s per round
//   summarize <results.jsonl>         prints the markdown table for docs/benchmarks.md
//   summarize-cli <cli-results.jsonl> prints the CLI table (../cli.sh) with its ratios
//   check <claims>                    claim check: generates an 837P batch of <claims> claims and checks it (ClaimCheckBench.cs)
//   allocs <file>                     bytes allocated per claim when read as parse --json reads, split by type (AllocationProfile.cs)
return args switch
{
    ["generate", var dir, .. var sizes] => Generate(dir, sizes),
    ["read", var file] => await ReadAsync(file, "async"),
    ["read", var file, var mode] => await ReadAsync(file, mode),
    ["summarize", var results] => Summarize(results),
    ["summarize-cli", var results] => CliSummary.Print(results),
    ["check", var claims] => await ClaimCheckBench.RunAsync(int.Parse(claims, CultureInfo.InvariantCulture)),
    ["tok", var file, var rounds] => Tok(file, int.Parse(rounds, CultureInfo.InvariantCulture)),
    ["loop", var file, var rounds] => await LoopAsync(file, int.Parse(rounds, CultureInfo.InvariantCulture)),
    ["allocs", var file] => await AllocationProfile.RunAsync(file),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: X12Bench generate <dir> <sizeMB>... | read <file> [async|sync] | summarize <results.jsonl>");
    return 2;
}

static int Generate(string dir, string[] sizes)
{
    Directory.CreateDirectory(dir);
    foreach (var s in sizes)
    {
        var mb = int.Parse(s, CultureInfo.InvariantCulture);
        var path = Path.Combine(dir, $"835-{mb}MB.x12");
        var sw = Stopwatch.StartNew();
        GeneratedTotals totals;
        using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            totals = new Remittance835Generator(seed: 835 + mb).WriteLarge(fs, mb * 1024L * 1024L);
        File.WriteAllText(Path.ChangeExtension(path, ".totals.json"), JsonSerializer.Serialize(new
        {
            totals.Transactions, totals.Claims, totals.Lines, TotalPaid = totals.TotalPaid.ToString(CultureInfo.InvariantCulture), totals.Bytes,
        }));
        Console.Error.WriteLine($"{path}: {totals.Bytes:N0} bytes, {totals.Transactions} transactions, {totals.Claims:N0} claims, {totals.Lines:N0} lines in {sw.Elapsed.TotalSeconds:F1} s");
    }
    return 0;
}

static async Task<int> ReadAsync(string file, string mode)
{
    var totalsFile = Path.ChangeExtension(file, ".totals.json");
    using var totalsDoc = JsonDocument.Parse(File.ReadAllText(totalsFile));
    var expectedClaims = totalsDoc.RootElement.GetProperty("Claims").GetInt64();
    var expectedPaid = decimal.Parse(totalsDoc.RootElement.GetProperty("TotalPaid").GetString()!, CultureInfo.InvariantCulture);

    long claims = 0, lines = 0, adjustments = 0, issues = 0, transactions = 0, maxManaged = 0;
    decimal paid = 0m, adjusted = 0m;
    var bytes = new FileInfo(file).Length;
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(true);
    using var self = Process.GetCurrentProcess();
    var cpuBefore = self.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    void OnEvent(RemittanceEvent e)
    {
        switch (e)
        {
            case ClaimRead c:
                claims++;
                paid += c.Claim.Paid;
                var ca = c.Claim.Adjustments;
                for (var i = 0; i < ca.Count; i++) { adjustments++; adjusted += ca[i].Amount; }
                var cl = c.Claim.Lines;
                for (var j = 0; j < cl.Count; j++)
                {
                    lines++;
                    var la = cl[j].Adjustments;
                    for (var i = 0; i < la.Count; i++) { adjustments++; adjusted += la[i].Amount; }
                }
                if ((claims & 4095) == 0) maxManaged = Math.Max(maxManaged, GC.GetTotalMemory(false));
                break;
            case TransactionEnded: transactions++; break;
            case IssueFound: issues++; break;
        }
    }
    await using (var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
    {
        if (mode == "sync")
            foreach (var e in Remittance835Reader.ReadEvents(fs)) OnEvent(e);
        else
            await foreach (var e in Remittance835Reader.ReadAsync(fs)) OnEvent(e);
    }
    sw.Stop();
    self.Refresh();
    var readCpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
    var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
    using var proc = Process.GetCurrentProcess();
    proc.Refresh();
    var result = new
    {
        reader = $"ours-{mode}",
        file = Path.GetFileName(file),
        bytes,
        seconds = sw.Elapsed.TotalSeconds,
        mbPerSecond = bytes / 1048576.0 / sw.Elapsed.TotalSeconds,
        peakWorkingSetMB = proc.PeakWorkingSet64 / 1048576.0,
        peakManagedMB = maxManaged / 1048576.0,
        allocatedMB = allocated / 1048576.0,
        gcPauseSeconds = GC.GetTotalPauseDuration().TotalSeconds,
        cpuSeconds = readCpu,
        mbPerCpuSecond = bytes / 1048576.0 / readCpu,
        gen0 = GC.CollectionCount(0),
        gen2 = GC.CollectionCount(2),
        claims,
        lines,
        adjustments,
        transactions,
        issues,
        totalPaid = paid.ToString(CultureInfo.InvariantCulture),
        claimsMatch = claims == expectedClaims,
        paidMatch = paid == expectedPaid,
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
    return result.claimsMatch && result.paidMatch && issues == 0 ? 0 : 1;
}

static async Task<int> LoopAsync(string file, int rounds)
{
    var data = File.ReadAllBytes(file);
    for (var r = 0; r < rounds; r++)
    {
        var allocated = GC.GetTotalAllocatedBytes(true);
        var jit0 = System.Runtime.JitInfo.GetCompilationTime(); var jm0 = System.Runtime.JitInfo.GetCompiledMethodCount(); var pause0 = GC.GetTotalPauseDuration(); var g0 = GC.CollectionCount(0);
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long claims = 0, adjustments = 0;
        decimal paid = 0m;
        await foreach (var e in Remittance835Reader.ReadAsync(new MemoryStream(data, writable: false)))
        {
            if (e is not ClaimRead c) continue;
            claims++;
            paid += c.Claim.Paid;
            adjustments += c.Claim.Adjustments.Count;
            foreach (var l in c.Claim.Lines) adjustments += l.Adjustments.Count;
        }
        sw.Stop();
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {r}: {data.Length / 1048576.0 / sw.Elapsed.TotalSeconds:F1} MB/s wall, {data.Length / 1048576.0 / cpuSeconds:F1} MB/CPU-s, {(GC.GetTotalAllocatedBytes(true) - allocated) / (double)data.Length:F2} B alloc/B, {claims} claims, {adjustments} adjustments, paid {paid}, gc {(GC.GetTotalPauseDuration()-pause0).TotalMilliseconds:F0} ms {GC.CollectionCount(0)-g0} gen0, cpu {cpuSeconds*1000:F0} ms, jit {(System.Runtime.JitInfo.GetCompilationTime()-jit0).TotalMilliseconds:F0} ms {System.Runtime.JitInfo.GetCompiledMethodCount()-jm0} methods"));
    }
    return 0;
}

static int Summarize(string resultsFile)
{
    var rows = File.ReadAllLines(resultsFile).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    string S(JsonElement e, string p) => e.TryGetProperty(p, out var v) ? v.ToString() : "";
    double D(JsonElement e, string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
    Console.WriteLine("| file | reader | seconds | MB/s | CPU s | MB per CPU s | peak RSS MB | claims | total paid | claims ✓ | paid ✓ | note |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|---|");
    foreach (var r in rows)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {S(r, "file")} | {S(r, "reader")} | {D(r, "seconds"):F2} | {D(r, "mbPerSecond"):F1} | {D(r, "cpuSeconds"):F2} | {D(r, "mbPerCpuSecond"):F1} | {(double.IsNaN(D(r, "peakWorkingSetMB")) ? D(r, "peakRssMB") : D(r, "peakWorkingSetMB")):F0} | {S(r, "claims")} | {S(r, "totalPaid")} | {S(r, "claimsMatch")} | {S(r, "paidMatch")} | {S(r, "note")} |"));
    Console.WriteLine();
    foreach (var (metric, label) in new[] { ("mbPerSecond", "wall-clock MB/s"), ("mbPerCpuSecond", "MB per CPU second") })
    {
        Console.WriteLine($"Ratios by {label}:");
        Console.WriteLine();
        Console.WriteLine("| file | ours | node stream | ours ÷ stream | node whole-file | ours ÷ whole-file |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => S(r, "file")))
        {
            double Get(string reader) => g.Where(r => S(r, "reader") == reader).Select(r => D(r, metric)).DefaultIfEmpty(double.NaN).First();
            var ours = Get("ours-async");
            var stream = Get("node-x12-stream");
            var whole = Get("node-x12-whole");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {g.Key} | {ours:F1} | {stream:F1} | {ours / stream:F1}× | {whole:F1} | {ours / whole:F1}× |"));
        }
        Console.WriteLine();
    }
    return 0;
}

static int Tok(string file, int rounds)
{
    var data = File.ReadAllBytes(file);
    for (var r = 0; r < rounds; r++)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        long n = 0, codes = 0;
        using var tk = new X12Tokenizer(new MemoryStream(data, writable: false));
        while (tk.Read()) { n++; var seg = tk.Current; codes += seg.Count + seg[1].Length; }
        self.Refresh();
        var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r}: {data.Length / 1048576.0 / cpuSeconds:F1} MB/CPU-s, {n} segments {codes}"));
    }
    return 0;
}
