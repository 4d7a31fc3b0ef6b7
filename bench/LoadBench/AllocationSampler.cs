using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace DenialPipeline.Bench;

/// <summary>
/// LOADBENCH_ALLOCS=1: the runtime's allocation sample (one event per ≈ 100 KB allocated, naming the type that crossed
/// the mark) summed by type while <see cref="Enabled"/>, to see what the pipeline allocates per denial.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();
    public volatile bool Enabled;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: GCAllocationTick
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Enabled || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var name = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        var size = e.PayloadNames.IndexOf("ObjectSize") is var o and >= 0 ? Convert.ToInt64(e.Payload[o]) : 0;
        var bucket = size switch { < 1024 => "< 1 KB", < 16384 => "1-16 KB", < 85000 => "16-85 KB", _ => ">= 85 KB (LOH)" };
        _bytes.AddOrUpdate($"{name} [{bucket}]", amount, (_, v) => v + amount);
    }

    public void Print(int denied, int top = 25)
    {
        var total = _bytes.Values.Sum();
        Console.WriteLine($"allocation samples by type ({total / 1e6:F0} MB sampled, {total / (double)denied / 1000:F0} KB per denial):");
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(top))
            Console.WriteLine($"  {bytes / 1e6,8:F1} MB {100.0 * bytes / total,5:F1} %  {type}");
    }
}
