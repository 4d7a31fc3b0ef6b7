using System.Globalization;

namespace DenialPipeline.Bench;

/// <summary>Prints what <see cref="StorageRequestCounter"/> saw as the markdown tables docs/benchmarks.md holds.</summary>
public static class RequestTables
{
    public static void Print(int claims, int denied)
    {
        var requests = StorageRequestCounter.Requests.ToArray();
        var total = requests.Sum(kv => kv.Value);
        Console.WriteLine();
        Console.WriteLine($"Storage requests by stage (pipeline's own clients; {total:N0} in all, {(double)total / claims:F2} per claim, {(double)total / denied:F2} per denial):");
        Console.WriteLine();
        Console.WriteLine("| stage | request | count | per claim | per denial |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (var ((stage, kind), n) in requests.OrderBy(kv => kv.Key.Stage, StringComparer.Ordinal).ThenByDescending(kv => kv.Value))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {kind} | {n:N0} | {(double)n / claims:F3} | {(double)n / denied:F2} |"));
        Console.WriteLine();
        Console.WriteLine("Table partitions touched (digits of long keys shown as #), most requested first:");
        Console.WriteLine();
        Console.WriteLine("| table | partition | requests | per denial | entities (transactions counted per operation) | entities per denial |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var ((table, partition), n) in StorageRequestCounter.Partitions.OrderByDescending(kv => kv.Value).Take(20))
        {
            var entities = StorageRequestCounter.PartitionEntities.GetValueOrDefault((table, partition));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | `{partition}` | {n:N0} | {(double)n / denied:F2} | {entities:N0} | {(double)entities / denied:F2} |"));
        }
        Console.WriteLine();
        Console.WriteLine("| table | partitions touched | requests | busiest partition's share |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var g in StorageRequestCounter.Partitions.GroupBy(kv => kv.Key.Table).OrderByDescending(g => g.Sum(kv => kv.Value)))
        {
            var sum = g.Sum(kv => kv.Value);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {g.Key} | {g.Count():N0} | {sum:N0} | {(double)g.Max(kv => kv.Value) / sum:P0} |"));
        }
        Console.WriteLine();
    }
}
