using DenialPipeline.ClaimCheck.Ncci;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary><c>import-ncci ptp|mue FILE</c>: load CMS's quarterly NCCI PTP or MUE file in place of the shipped synthetic rows.</summary>
public static class ImportNcciCommand
{
    public static async Task<int> ExecuteAsync(string[] args)
    {
        if (args.Length != 2 || args.Contains("--help") || args[0] is not ("ptp" or "mue"))
        {
            Console.WriteLine("""
                Usage: import-ncci <ptp|mue> <file>

                Imports a CMS NCCI file (cms.gov > Medicare > National Correct Coding Initiative Edits): the quarterly
                procedure-to-procedure (PTP) edits or the medically unlikely edits (MUE), practitioner or hospital, saved as
                CSV or tab-separated text (open the XLSX and save it as CSV). CMS's notice rows above the column names are
                skipped. The file replaces the shipped synthetic rows of its kind; every host applies it within minutes.
                """);
            return args.Contains("--help") ? 0 : 2;
        }
        if (!File.Exists(args[1])) return Cli.Fail($"No such file: {args[1]}");
        var kind = args[0] == "ptp" ? NcciFileKind.Ptp : NcciFileKind.Mue;
        var (azurite, host) = await Cli.OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var result = await host.Services.GetRequiredService<NcciStore>().StoreAsync(kind, await File.ReadAllBytesAsync(args[1]));
            Console.WriteLine($"{args[1]}: {result.Taken} {(kind == NcciFileKind.Ptp ? "PTP edits" : "MUE limits")} read{(result.Taken == 0 ? " — nothing usable, the file was not stored" : "")}");
            foreach (var r in result.Rejected.Take(50)) Console.WriteLine($"  not used (row {r.Row}): {r.Reason}");
            if (result.Rejected.Count > 50) Console.WriteLine($"  … and {result.Rejected.Count - 50} more rows not used");
            return result.Taken == 0 ? 1 : 0;
        }
    }
}
