using DenialPipeline.Api;
using System.Text.Json;
using DenialPipeline.ClaimCheck;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary><c>check &lt;files…&gt; [--json|--csv]</c>: check outbound claims before submission and store the results.</summary>
public static class CheckCommand
{
    private const string Help = """
        Usage: check <files...> [--json | --csv]

        Checks outbound claims before submission: X12 837P/837I files (a claim or a batch) and FHIR R4 JSON (a Bundle
        with Claim resources, or one Claim). Each claim gets ready, warn or fix-first, its findings (rule, severity,
        evidence, fix) and a predicted denial risk (0-1) with its parts, checked against the records on file (payers,
        coverage, authorizations, submitted claims, paid services), the NCCI edits and the denial patterns learned from
        our own 835s. Results are stored (table ClaimChecks) so later denials are joined to them. docs/claim-check.md.

          --json   one JSON document per file (the API's answer)
          --csv    one CSV row per finding (header once)

        Exit code: 0 when no claim is fix-first, 1 when one is, 2 for usage errors.
        """;

    public static async Task<int> ExecuteAsync(string[] args)
    {
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (args.Contains("--help") || files.Count == 0)
        {
            Console.WriteLine(Help);
            return args.Contains("--help") ? 0 : 2;
        }
        var unknown = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--json" or "--csv")).ToList();
        if (unknown.Count > 0) return Cli.Fail($"Unknown option {string.Join(", ", unknown)}.\n\n{Help}");
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) return Cli.Fail($"No such file: {string.Join(", ", missing)}");
        var (azurite, host) = await Cli.OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var handler = host.Services.GetRequiredService<ClaimCheckHandler>();
            var anyFixFirst = false;
            var csvHeader = true;
            foreach (var file in files)
            {
                var report = await handler.CheckAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file));
                anyFixFirst |= report.FixFirst > 0;
                if (args.Contains("--json")) Console.WriteLine(JsonSerializer.Serialize(ClaimCheckApi.View(report), MessageJson.Options));
                else if (args.Contains("--csv"))
                {
                    var csv = ClaimCheckCsv.Write(report.Results, report.Errors);
                    Console.Write(csvHeader ? csv : csv[(csv.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
                    csvHeader = false;
                }
                else Console.Write(ToText(file, report));
            }
            return anyFixFirst ? 1 : 0;
        }
    }

    public static string ToText(string file, ClaimCheckReport report)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"{file}: {report.Results.Count} claims — ready {report.Ready}, warn {report.Warn}, fix first {report.FixFirst}" +
            (report.Errors.Count > 0 ? $", not checked {report.Errors.Count}" : "") + $" (batch {report.BatchId})");
        foreach (var r in report.Results)
        {
            sb.AppendLine($"  {r.ClaimId,-14} {r.Status,-9} risk {r.Risk:0.00}  {r.PayerName ?? r.PayerId}");
            foreach (var f in r.Findings)
            {
                sb.AppendLine($"      [{f.Severity}] {f.Rule}: {f.Evidence}");
                sb.AppendLine($"          fix: {f.Fix}");
            }
            if (r.RiskParts.Count > 0)
                sb.AppendLine("      risk: " + string.Join("; ", r.RiskParts.Select(p => $"{p.Name} {p.Probability:0.00}")));
        }
        foreach (var e in report.Errors) sb.AppendLine($"  not checked — {e.Source}: {e.Reason}");
        return sb.ToString();
    }
}
