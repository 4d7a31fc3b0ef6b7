using DenialPipeline.Research.Records;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary><c>import FILES...</c>: loads records (837, FHIR bundles, payers/providers, submission proof) and CSV report mappings, and reports every row or mapping it could not use.</summary>
public static class ImportCommand
{
    public static async Task<int> ExecuteAsync(string[] args)
    {
        if (args.Length == 0 || args.Contains("--help"))
        {
            Console.WriteLine("""
                Usage: import <files...>

                Loads the records research matches denials against. The format is detected from the content:
                  X12 837P/837I (claims as submitted), X12 277CA and 999 (accepted dates: proof of timely submission; import the 837 first), FHIR R4 bundles (.json: patients, coverage, claims with
                  preAuthRef, encounters, practitioners), payers (CSV/JSON: payer_id, name, kind, appeal_window_days,
                  timely_filing_days, appeal_address, appeal_fax, appeal_portal, appeal_email), providers (CSV/JSON: npi,
                  name, taxonomy, query_email), contract rates (CSV/JSON: payer_id, procedure, modifier, rate,
                  effective_from, effective_to), submission proof (CSV: claim_id, accepted_date, source, reference, payer_id),
                  CSV denial report mappings (JSON {"csvMappings": [...]}: which column is which, per payer; docs/csv-reports.md;
                  every bad mapping is reported with its number and field, the good ones are stored).
                Importing the same file twice changes nothing. Unmatched denials are researched again afterwards.
                """);
            return args.Length == 0 ? 2 : 0;
        }
        var missing = args.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) return Cli.Fail($"No such file: {string.Join(", ", missing)}");
        // Checked before storage is opened or any file read: each is read whole (RecordsImport.MaxBytes says why).
        if (args.Select(f => RecordsImport.TooLarge(f, new FileInfo(f).Length)).FirstOrDefault(e => e is not null) is { } tooLarge) return Cli.Fail(tooLarge);
        var (azurite, host) = await Cli.OpenStorageAsync();
        var rejected = 0;
        await using (azurite)
        using (host)
        {
            var import = host.Services.GetRequiredService<RecordsImport>();
            foreach (var file in args)
            {
                var (report, requeued, _) = await import.ImportAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), "system:cli");
                Console.WriteLine(Describe(file, report, requeued));
                rejected += report.Rejections.Count;
            }
        }
        return rejected > 0 ? 1 : 0;
    }

    public static string Describe(string file, RecordImportReport report, int requeued)
    {
        var stored = report.Stored.Count == 0 ? "nothing" : string.Join(", ", report.Stored.Select(kv => $"{kv.Value} {kv.Key}"));
        var lines = new List<string> { $"{file}: {report.Format}: stored {stored}{(requeued > 0 ? $"; {requeued} unmatched denials queued for research again" : "")}" };
        lines.AddRange(report.Rejections.Select(r => $"  not used (row/entry {r.Row}): {r.Reason}"));
        return string.Join(Environment.NewLine, lines);
    }
}
