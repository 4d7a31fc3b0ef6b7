using DenialPipeline.Codes;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary><c>import-codes carc|rarc FILE</c>: lays the official X12 code list (a licensed download) over the shipped code book.</summary>
public static class ImportCodesCommand
{
    public static async Task<int> ExecuteAsync(string[] args)
    {
        if (args.Length != 2 || args.Contains("--help") || args[0] is not ("carc" or "rarc"))
        {
            Console.WriteLine("""
                Usage: import-codes <carc|rarc> <file.csv>

                Imports the official CARC or RARC list CSV that a licensed user downloads from X12 (columns: code,
                description, start date, last modified, stop date). Our plain-English wording, categories and actions stay;
                official descriptions and dates are added, new codes become known. Every host applies it within minutes.
                """);
            return args.Contains("--help") ? 0 : 2;
        }
        if (!File.Exists(args[1])) return Cli.Fail($"No such file: {args[1]}");
        var kind = args[0] == "carc" ? CodeKind.Carc : CodeKind.Rarc;
        var (azurite, host) = await Cli.OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var result = await host.Services.GetRequiredService<CodeListStore>().StoreAsync(kind, await File.ReadAllBytesAsync(args[1]));
            Console.WriteLine($"{args[1]}: {result.Added.Count} codes added, {result.Updated.Count} updated{(result.Taken == 0 ? " — nothing usable, the list was not stored" : "")}");
            foreach (var r in result.Rejected) Console.WriteLine($"  not used (row {r.Row}{(r.Code is null ? "" : $", code {r.Code}")}): {r.Reason}");
            return result.Taken == 0 ? 1 : 0;
        }
    }
}
