using DenialPipeline.Metrics;
using DenialPipeline.Resolution;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary><c>sweep</c> and <c>rollup</c>: run a clock now, against the local emulator's data.</summary>
public static class ClockCommands
{
    public static async Task<int> SweepAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine($"Usage: sweep\n\nRuns the deadline sweep now (it also runs daily on '{Clocks.DeadlineSweep}' while 'run' is up).");
            return 0;
        }
        var (azurite, host) = await Cli.OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var r = await host.Services.GetRequiredService<DeadlineSweep>().RunAsync();
            if (r.AnotherSweepRunning)
            {
                Console.WriteLine("deadline sweep: another sweep is running (the local host's 06:00 run, or another sweep command); nothing done");
                return 1;
            }
            Console.WriteLine($"deadline sweep: {r.CasesChecked} open cases within 14 days of (or past) their deadline, {r.Reminded} reminded, {r.FlaggedMissed} flagged missed, {r.MailFailures} mail failures");
        }
        return 0;
    }

    public static async Task<int> RollupAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine($"Usage: rollup [--full]\n\nRolls the metrics up now (it also runs on '{Clocks.MetricsRollup}' while 'run' is up).\n--full deletes the aggregated rows and rebuilds them from every case and file.");
            return 0;
        }
        var (azurite, host) = await Cli.OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var rollup = host.Services.GetRequiredService<MetricsRollup>();
            var r = args.Contains("--full") ? await rollup.RebuildAsync() : await rollup.RunAsync();
            Console.WriteLine(r.Ran
                ? $"metrics rollup: {r.CasesSeen} cases and {r.FilesSeen} files seen, {r.SourcesChanged} changed, {r.RowsWritten} rows written"
                : "metrics rollup: another rollup is running; try again in a few minutes");
        }
        return 0;
    }
}
