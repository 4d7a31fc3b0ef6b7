using DenialPipeline.Pipeline;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Denials;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>
/// <c>parse FILE [--json] [--mapping FILE.json]</c>: reads an 835 or a CSV denial report (the format and a report's
/// mapping chosen as ingest chooses them: docs/csv-reports.md) and prints one JSON document, or a summary a coder
/// understands. Reads no storage: a report is matched against the shipped mappings and those of <c>--mapping</c>.
/// </summary>
public static class ParseCommand
{
    private const string Usage = """
        Usage: parse <file> [--json] [--mapping <mappings.json>]...

        Reads an X12 835 or a CSV denial report and prints what it holds: a readable summary, or with --json one JSON
        document (transactions, claims, adjustments, lines, provider adjustments, warnings and errors with segment
        numbers; for a report, with row numbers and columns). A CSV report is read with the mapping its header row fits,
        chosen from the shipped mappings and those in the --mapping files (the JSON that 'import' loads; see
        docs/csv-reports.md). Mappings imported into storage are not consulted here.
        """;

    public static Task<int> ExecuteAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>The command with its output and errors written where the caller says (tests read them).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var mappingFiles = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--mapping")
            {
                if (i + 1 >= args.Length) { await errors.WriteLineAsync("--mapping needs a file (a JSON file of CSV report mappings)."); return 2; }
                mappingFiles.Add(args[++i]);
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal)) files.Add(args[i]);
        }
        if (args.Contains("--help") || files.Count != 1)
        {
            await output.WriteLineAsync(Usage);
            return files.Count == 1 ? 0 : 2;
        }
        var missing = files.Concat(mappingFiles).Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) { await errors.WriteLineAsync($"No such file: {string.Join(", ", missing)}"); return 2; }

        var extra = new List<CsvDenialMapping>();
        foreach (var m in mappingFiles)
        {
            var set = CsvMappingJson.Parse(await File.ReadAllTextAsync(m, cancellationToken));
            foreach (var p in set.Problems) await errors.WriteLineAsync($"{m}: {p}");
            if (set.Problems.Count > 0) return 2;
            extra.AddRange(set.Mappings);
        }
        IReadOnlyList<CsvDenialMapping> mappings = CsvMappingJson.WithDefaults(extra);

        await using var stream = File.OpenRead(files[0]);
        var read = await DenialFileReader.OpenAsync(stream, Path.GetFileName(files[0]), _ => Task.FromResult(mappings), cancellationToken);
        if (read.Failure is not null)
        {
            await errors.WriteLineAsync(read.Failure);
            return 1;
        }
        var events = new List<RemittanceEvent>();
        await foreach (var e in read.Events) events.Add(e);
        var file = Remittance835Reader.Collect(events);
        if (args.Contains("--json"))
            await output.WriteLineAsync(ParseJson.Serialize(file, read.Mapping?.Payer));
        else
            await output.WriteAsync(Summary(file, CodeBook.LoadDefault(), read.Mapping?.Payer));
        return file.Errors.Any() ? 1 : 0;
    }

    public static string Summary(RemittanceFile file, CodeBook codes, string? csvMapping = null)
    {
        var sb = new StringBuilder();
        foreach (var t in file.Transactions)
        {
            var tx = t.Transaction;
            if (CsvDenialReportReader.IsCsv(tx))
            {
                // A report has no check and no payee: say what it is read as, and the date deadlines count from.
                sb.AppendLine($"CSV denial report (mapping '{csvMapping}') from {tx.Payer.Name ?? "(payer not named)"} (payer id {tx.Payer.Id ?? "none"})");
                sb.AppendLine($"  {(tx.ProductionDate is { } decided ? $"decided {decided:yyyy-MM-dd} · " : "")}{t.Claims.Count} claims, {t.Claims.Count(c => c.Denied)} need work");
            }
            else
            {
                sb.AppendLine($"Remittance {tx.ControlNumber} from {tx.Payer.Name ?? "(payer not named)"} (payer id {tx.Payer.Id ?? "none"}) to {tx.Payee.Name ?? "(payee not named)"}");
                sb.AppendLine($"  Check/EFT {tx.TraceNumber ?? "(none)"} · paid {Money.Format(tx.PaymentAmount)}{(tx.PaymentDate is { } d ? $" on {d:yyyy-MM-dd}" : "")} · {t.Claims.Count} claims, {t.Claims.Count(c => c.Denied)} need work");
            }
            foreach (var c in t.Claims.Where(c => c.Denied || c.Reversal))
            {
                sb.AppendLine($"  • Claim {c.PatientControlNumber} (payer # {c.PayerClaimControlNumber ?? "none"}): billed {Money.Format(c.Charge)}, paid {Money.Format(c.Paid)}{(c.Reversal ? " — REVERSAL of an earlier payment" : c.Status == "4" ? " — DENIED" : " — needs work")}");
                foreach (var a in c.AllAdjustments.Where(a => a.Amount != 0))
                    sb.AppendLine($"      {a.Group}-{a.Reason} {Money.Format(a.Amount)}: {Plain(codes, a.Reason)}{(a.Level == AdjustmentLevel.Line ? " (service line)" : "")}");
                foreach (var r in c.Remarks.Concat(c.Lines.SelectMany(l => l.Remarks)).Distinct())
                    sb.AppendLine($"      remark {r}: {(codes.Rarc(r) is { Known: true } info ? info.Text : "remark code not in our code book")}");
            }
            if (t.ProviderAdjustments.Count > 0)
                sb.AppendLine($"  Provider adjustments: {string.Join(", ", t.ProviderAdjustments.Select(p => $"{p.ReasonCode} {Money.Format(p.Amount)}"))}");
        }
        foreach (var i in file.Issues)
            sb.AppendLine(i.Row is { } row
                ? $"{i.Severity} at row {row}{(i.Column is null ? "" : $", column '{i.Column}'")}{Where(i)}: {i.Message}"
                : $"{i.Severity} at segment {i.Position.SegmentIndex} (byte {i.Position.ByteOffset}){Where(i)}: {i.Message}");
        if (file.Transactions.Count == 0 && !file.Issues.Any()) sb.AppendLine("No 835 transaction found in this file.");
        return sb.ToString();
    }

    // A report's issues all sit in its one synthetic transaction ("CSV"): naming it would tell a coder nothing.
    private static string Where(X12Issue i) =>
        (i.TransactionControlNumber is { } t && i.Row is null ? $", transaction {t}" : "") + (i.PatientControlNumber is { Length: > 0 } c ? $", claim {c}" : "");

    private static string Plain(CodeBook codes, string reason) =>
        codes.Carc(reason) is { Known: true } info ? info.Description : $"reason code {reason} is not in our code book";
}

/// <summary>The documented JSON shape of <c>parse --json</c> (a CSV report: the same, plus its mapping and each issue's row and column).</summary>
public static class ParseJson
{
    public sealed record Document(IReadOnlyList<Transaction> Transactions, IReadOnlyList<Issue> Warnings, IReadOnlyList<Issue> Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CsvMapping = null);
    public sealed record Party(string? Id, string? Name);
    public sealed record Transaction(string ControlNumber, Party Payer, Party Payee, decimal PaymentAmount, string? TraceNumber, DateOnly? PaymentDate,
        IReadOnlyList<Claim> Claims, IReadOnlyList<ProviderAdjustmentJson> ProviderAdjustments);
    public sealed record Claim(string PatientControlNumber, string Status, decimal Charge, decimal Paid, decimal? PatientResponsibility,
        string? PayerClaimControlNumber, bool Denied, bool Reversal, IReadOnlyList<AdjustmentJson> Adjustments, IReadOnlyList<string> Remarks, IReadOnlyList<Line> Lines);
    public sealed record AdjustmentJson(string Level, string Group, string Reason, decimal Amount, decimal? Quantity);
    public sealed record Line(string Procedure, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal? Units, bool Denied,
        IReadOnlyList<AdjustmentJson> Adjustments, IReadOnlyList<string> Remarks);
    public sealed record ProviderAdjustmentJson(string? ProviderId, string ReasonCode, string? Reference, decimal Amount);
    /// <summary>
    /// A warning or error: where (segment number and byte offset; for a CSV report also its row and column), what (code,
    /// message), and in which transaction and claim.
    /// </summary>
    public sealed record Issue(long SegmentIndex, long ByteOffset, string Code, string Message, string? Transaction, string? Claim,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Row = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Column = null);

    private static readonly JsonSerializerOptions Indented = new(MessageJson.Options) { WriteIndented = true };

    /// <summary>What <c>parse --json</c> prints.</summary>
    public static string Serialize(RemittanceFile file, string? csvMapping = null) => JsonSerializer.Serialize(From(file, csvMapping), Indented);

    public static Document From(RemittanceFile file, string? csvMapping = null) => new(
        file.Transactions.Select(t => new Transaction(
            t.Transaction.ControlNumber,
            new Party(t.Transaction.Payer.Id, t.Transaction.Payer.Name),
            new Party(t.Transaction.Payee.Id, t.Transaction.Payee.Name),
            t.Transaction.PaymentAmount, t.Transaction.TraceNumber, t.Transaction.PaymentDate,
            t.Claims.Select(c => new Claim(c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.PatientResponsibility, c.PayerClaimControlNumber,
                c.Denied, c.Reversal, c.Adjustments.Select(Adj).ToList(), c.Remarks,
                c.Lines.Select(l => new Line(l.Procedure, l.Modifiers, l.Charge, l.Paid, l.Units, c.IsLineDenied(l), l.Adjustments.Select(Adj).ToList(), l.Remarks)).ToList())).ToList(),
            t.ProviderAdjustments.Select(p => new ProviderAdjustmentJson(p.ProviderId, p.ReasonCode, p.Reference, p.Amount)).ToList())).ToList(),
        file.Warnings.Select(Iss).ToList(),
        file.Errors.Select(Iss).ToList(),
        csvMapping);

    private static AdjustmentJson Adj(Adjustment a) => new(a.Level == AdjustmentLevel.Claim ? "claim" : "line", a.Group, a.Reason, a.Amount, a.Quantity);
    private static Issue Iss(X12Issue i) => new(i.Position.SegmentIndex, i.Position.ByteOffset, i.Code, i.Message, i.TransactionControlNumber, i.PatientControlNumber, i.Row, i.Column);
}
