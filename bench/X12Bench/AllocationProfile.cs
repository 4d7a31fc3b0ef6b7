using System.Diagnostics.Tracing;
using System.Globalization;
using DenialPipeline.X12;

/// <summary>
/// <c>allocs &lt;file&gt;</c>: reads an 835 as <c>parse --json</c> does (names and references skipped) and prints the bytes
/// allocated per claim and their split by type, sampled from the runtime's GCAllocationTick events (one event per
/// ≈ 100 KB allocated, naming the type that crossed it), so the shares are estimates and the total is exact.
/// </summary>
internal static class AllocationProfile
{
    public static async Task<int> RunAsync(string file)
    {
        using var listener = new TickListener();
        long claims = 0;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await using (var stream = File.OpenRead(file))
            await foreach (var e in Remittance835Reader.ReadAsync(stream, new Remittance835ReadOptions { SkipNamesAndReferences = true }))
                if (e is ClaimRead) claims++;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(file)}: {claims:N0} claims, {bytes / 1048576.0:F1} MB allocated, {bytes / (double)Math.Max(1, claims):F0} bytes per claim"));
        lock (listener.Bytes)
            foreach (var (type, sampled) in listener.Bytes.OrderByDescending(kv => kv.Value).Take(15))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sampled * 100.0 / listener.Total,6:F1} %  {type}"));
        return 0;
    }

    private sealed class TickListener : EventListener
    {
        public readonly Dictionary<string, long> Bytes = [];
        public long Total;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not ("GCAllocationTick_V4" or "GCAllocationTick_V3") || e.Payload is null || e.PayloadNames is null) return;
            var type = e.Payload[e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            lock (Bytes)
            {
                Bytes[type] = Bytes.GetValueOrDefault(type) + amount;
                Total += amount;
            }
        }
    }
}
