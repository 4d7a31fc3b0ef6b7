using System.Globalization;
using System.Text.Json;

/// <summary>
/// The table of bench/cli.sh: each measurement (the median of its rounds: this machine's neighbours move single runs by
/// ±20 %, and the rounds interleave the commands so each sees the same minutes), then the ratios issue #22 sets
/// targets on, per file.
/// </summary>
internal static class CliSummary
{
    public static int Print(string resultsFile)
    {
        var runs = File.ReadAllLines(resultsFile).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var rows = runs.GroupBy(r => (File: S(r, "file"), Reader: S(r, "reader"))).Select(Median).ToList();
        Console.WriteLine("| file | what | rounds | seconds (median) | seconds (all) | CPU s (median) | MB/s | peak RSS MB (max) | output MB |");
        Console.WriteLine("|---|---|---:|---:|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.File} | {r.Reader} | {r.Rounds} | {r.Seconds:F2} | {r.All} | {r.CpuSeconds:F2} | {r.MbPerSecond:F1} | {r.PeakRssMB:F0} | {r.OutputBytes / 1048576:F0} |"));
        Console.WriteLine();
        Console.WriteLine("| file | JSON ÷ reader alone (s) | JSON pretty ÷ reader | CSV ÷ reader | node stream ÷ JSON (s) | node stream ÷ JSON (CPU s) | peak RSS JSON / CSV MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var g in rows.GroupBy(r => r.File))
        {
            Row? Get(string reader) => g.FirstOrDefault(r => r.Reader == reader);
            var reader = Get("reader-alone")?.Seconds ?? double.NaN;
            var json = Get("cli-json");
            var node = Get("node-x12-stream");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Key} | {json?.Seconds / reader:F2}× | {Get("cli-json-pretty")?.Seconds / reader:F2}× | {Get("cli-csv")?.Seconds / reader:F2}× | {node?.Seconds / json?.Seconds:F1}× | {node?.CpuSeconds / json?.CpuSeconds:F1}× | {json?.PeakRssMB:F0} / {Get("cli-csv")?.PeakRssMB:F0} |"));
        }
        return 0;
    }

    private sealed record Row(string File, string Reader, int Rounds, double Seconds, string All, double CpuSeconds, double MbPerSecond, double PeakRssMB, double OutputBytes);

    private static Row Median(IGrouping<(string File, string Reader), JsonElement> g)
    {
        static double Mid(IEnumerable<double> values)
        {
            var v = values.Order().ToList();
            return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
        }
        var seconds = g.Select(r => D(r, "seconds")).ToList();
        return new Row(g.Key.File, g.Key.Reader, seconds.Count, Mid(seconds),
            string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture))),
            Mid(g.Select(r => D(r, "cpuSeconds"))), Mid(g.Select(r => D(r, "mbPerSecond"))), g.Max(r => D(r, "peakRssMB")), g.Max(r => D(r, "outputBytes")));
    }

    private static string S(JsonElement e, string p) => e.TryGetProperty(p, out var v) ? v.ToString() : "";

    private static double D(JsonElement e, string p) => e.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
