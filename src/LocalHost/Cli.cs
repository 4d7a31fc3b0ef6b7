using System.Text.Json;
using DenialPipeline.Ingest;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DenialPipeline.LocalHost;

/// <summary>The local host's commands: run (default), drop, parse, import, status.</summary>
public static class Cli
{
    private const string Usage = """
        Denial-resolution pipeline, local host.

        Usage: dotnet run --project src/LocalHost -- [command] [options]

        Commands:
          run                  Run the whole pipeline (default): storage emulator, queue triggers, API, mail capture.
          drop <files...>      Upload 835s or CSV denial reports to the drops container and queue them, as Event Grid does in Azure.
          parse <file> [--json [--pretty] | --csv] [--mapping <json>]  Read an 835 or a CSV denial report and print what it holds (a summary, one JSON document or CSV rows, written as it reads).
          import <files...>    Load records (837 claims, FHIR bundles, payers/providers, contract rates, submission proof, CSV report mappings, payer identities).
          identities list|set|remove  The payer identities: which caller (object id) is which payer, and the payer ids it may send as.
          import-codes <carc|rarc> <file>  Lay the official X12 CARC/RARC list over the shipped code book.
          check <files...> [--json|--csv]  Check outbound claims (837P/837I, FHIR Claim) before submission.
          import-ncci <ptp|mue> <file>     Load CMS's quarterly NCCI PTP or MUE file for the claim check.
          status               Counts of files, cases by status and letters.
          sweep                Run the deadline sweep now (reminders 14/7/1 days before, flags missed deadlines).
          rollup [--full]      Roll the metrics up now (--full: rebuild the Metrics rows from every case and file).

        Run 'dotnet run --project src/LocalHost -- <command> --help' for a command's options.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.Length == 0 || args[0].StartsWith('-') ? "run" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        try
        {
            return command switch
            {
                "run" => await RunCommand.ExecuteAsync(rest),
                "drop" => await DropCommandAsync(rest),
                "parse" => await ParseCommand.ExecuteAsync(rest),
                "import" => await ImportCommand.ExecuteAsync(rest),
                "import-codes" => await ImportCodesCommand.ExecuteAsync(rest),
                "identities" => await IdentitiesCommand.ExecuteAsync(rest),
                "check" => await CheckCommand.ExecuteAsync(rest),
                "import-ncci" => await ImportNcciCommand.ExecuteAsync(rest),
                "status" => await StatusCommandAsync(rest),
                "sweep" => await ClockCommands.SweepAsync(rest),
                "rollup" => await ClockCommands.RollupAsync(rest),
                _ => Fail($"Unknown command '{command}'.\n\n{Usage}"),
            };
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    internal static string DataFolder => Path.Combine(RepositoryRoot.Find(), ".localdata");

    /// <summary>Starts (or finds) the emulator and a service provider for one-shot commands.</summary>
    internal static async Task<(AzuriteLauncher Azurite, IHost Host)> OpenStorageAsync()
    {
        var azurite = await AzuriteLauncher.EnsureDefaultAsync(Path.Combine(DataFolder, "azurite"));
        var host = LocalPipeline.Build(new LocalPipelineOptions(azurite.ConnectionString), new MailCapture(null));
        await LocalPipeline.EnsureStorageAsync(host);
        return (azurite, host);
    }

    private static async Task<int> DropCommandAsync(string[] args)
    {
        if (args.Contains("--help") || args.Length == 0)
        {
            Console.WriteLine("""
                Usage: drop <files...>

                Uploads each file to the 'drops' container and queues a BlobCreated event on 'denial-files', as Event Grid
                does in Azure. If the pipeline is not running, the files wait in the emulator's data folder until 'run'.
                """);
            return args.Length == 0 ? 2 : 0;
        }
        var missing = args.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) return Fail($"No such file: {string.Join(", ", missing)}");
        var (azurite, host) = await OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var drops = host.Services.GetRequiredService<DropClient>();
            foreach (var file in args)
            {
                var r = await drops.DropAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), enqueue: true);
                Console.WriteLine($"dropped {file} as drops/{r.BlobName} (file id {r.FileId}){(r.AlreadyThere ? " — same content as before: re-queued, no duplicates will be created" : "")}");
            }
        }
        return 0;
    }

    private static async Task<int> StatusCommandAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine("Usage: status [--json]\n\nCounts of files, cases by status and letters by status.");
            return 0;
        }
        var (azurite, host) = await OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var snapshot = await StatusSnapshot.TakeAsync(host.Services);
            Console.WriteLine(args.Contains("--json") ? JsonSerializer.Serialize(snapshot, MessageJson.Options) : snapshot.ToText());
        }
        return 0;
    }
}
