using System.Globalization;
using System.Text.Json;

/// <summary>The table of bench/cli.sh: each measured process, then the ratios issue #22 sets targets on, per file.</summary>
internal static class CliSummary
{
    public static int Print(string resultsFile)
    {
        var rows = File.ReadAllLines(resultsFile).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Console.WriteLine("| file | what | seconds | CPU s | MB/s | peak RSS MB | output MB |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {S(r, "file")} | {S(r, "reader")} | {D(r, "seconds"):F2} | {D(r, "cpuSeconds"):F2} | {D(r, "mbPerSecond"):F1} | {D(r, "peakRssMB"):F0} | {D(r, "outputBytes") / 1048576:F0} |"));
        Console.WriteLine();
        Console.WriteLine("| file | JSON ÷ reader alone (s) | JSON pretty ÷ reader | CSV ÷ reader | node stream ÷ JSON (s) | node stream ÷ JSON (CPU s) | peak RSS JSON / CSV MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => S(r, "file")))
        {
            double Get(string reader, string metric) => g.Where(r => S(r, "reader") == reader).Select(r => D(r, metric)).DefaultIfEmpty(double.NaN).First();
            var reader = Get("reader-alone", "seconds");
            var json = Get("cli-json", "seconds");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Key} | {json / reader:F2}× | {Get("cli-json-pretty", "seconds") / reader:F2}× | {Get("cli-csv", "seconds") / reader:F2}× | {Get("node-x12-stream", "seconds") / json:F1}× | {Get("node-x12-stream", "cpuSeconds") / Get("cli-json", "cpuSeconds"):F1}× | {Get("cli-json", "peakRssMB"):F0} / {Get("cli-csv", "peakRssMB"):F0} |"));
        }
        return 0;
    }

    private static string S(JsonElement e, string p) => e.TryGetProperty(p, out var v) ? v.ToString() : "";

    private static double D(JsonElement e, string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
