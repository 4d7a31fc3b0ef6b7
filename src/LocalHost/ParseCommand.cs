using System.Text;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary><c>parse FILE [--json]</c>: reads an 835 and prints one JSON document, or a summary a coder understands.</summary>
public static class ParseCommand
{
    public static async Task<int> ExecuteAsync(string[] args)
    {
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (args.Contains("--help") || files.Count != 1)
        {
            Console.WriteLine("Usage: parse <file> [--json]\n\nReads an X12 835 and prints what it holds: a readable summary, or with --json one JSON document\n(transactions, claims, adjustments, lines, provider adjustments, warnings and errors with segment numbers).");
            return files.Count == 1 ? 0 : 2;
        }
        if (!File.Exists(files[0])) return Cli.Fail($"No such file: {files[0]}");
        await using var stream = File.OpenRead(files[0]);
        var file = await Remittance835Reader.ReadFileAsync(stream);
        if (args.Contains("--json"))
            Console.WriteLine(ParseJson.Serialize(file));
        else
            Console.Write(Summary(file, CodeBook.LoadDefault()));
        return file.Errors.Any() ? 1 : 0;
    }

    public static string Summary(RemittanceFile file, CodeBook codes)
    {
        var sb = new StringBuilder();
        foreach (var t in file.Transactions)
        {
            var tx = t.Transaction;
            sb.AppendLine($"Remittance {tx.ControlNumber} from {tx.Payer.Name ?? "(payer not named)"} (payer id {tx.Payer.Id ?? "none"}) to {tx.Payee.Name ?? "(payee not named)"}");
            sb.AppendLine($"  Check/EFT {tx.TraceNumber ?? "(none)"} · paid {Money.Format(tx.PaymentAmount)}{(tx.PaymentDate is { } d ? $" on {d:yyyy-MM-dd}" : "")} · {t.Claims.Count} claims, {t.Claims.Count(c => c.Denied)} need work");
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
            sb.AppendLine($"{i.Severity} at segment {i.Position.SegmentIndex} (byte {i.Position.ByteOffset}){Where(i)}: {i.Message}");
        if (file.Transactions.Count == 0 && !file.Issues.Any()) sb.AppendLine("No 835 transaction found in this file.");
        return sb.ToString();
    }

    private static string Where(X12Issue i) =>
        (i.TransactionControlNumber is { } t ? $", transaction {t}" : "") + (i.PatientControlNumber is { Length: > 0 } c ? $", claim {c}" : "");

    private static string Plain(CodeBook codes, string reason) =>
        codes.Carc(reason) is { Known: true } info ? info.Description : $"reason code {reason} is not in our code book";
}

/// <summary>The documented JSON shape of <c>parse --json</c>.</summary>
public static class ParseJson
{
    public sealed record Document(IReadOnlyList<Transaction> Transactions, IReadOnlyList<Issue> Warnings, IReadOnlyList<Issue> Errors);
    public sealed record Party(string? Id, string? Name);
    public sealed record Transaction(string ControlNumber, Party Payer, Party Payee, decimal PaymentAmount, string? TraceNumber, DateOnly? PaymentDate,
        IReadOnlyList<Claim> Claims, IReadOnlyList<ProviderAdjustmentJson> ProviderAdjustments);
    public sealed record Claim(string PatientControlNumber, string Status, decimal Charge, decimal Paid, decimal? PatientResponsibility,
        string? PayerClaimControlNumber, bool Denied, bool Reversal, IReadOnlyList<AdjustmentJson> Adjustments, IReadOnlyList<string> Remarks, IReadOnlyList<Line> Lines);
    public sealed record AdjustmentJson(string Level, string Group, string Reason, decimal Amount, decimal? Quantity);
    public sealed record Line(string Procedure, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal? Units, bool Denied,
        IReadOnlyList<AdjustmentJson> Adjustments, IReadOnlyList<string> Remarks);
    public sealed record ProviderAdjustmentJson(string? ProviderId, string ReasonCode, string? Reference, decimal Amount);
    /// <summary>A warning or error: where (segment number, byte offset), what (code, message), and in which transaction and claim.</summary>
    public sealed record Issue(long SegmentIndex, long ByteOffset, string Code, string Message, string? Transaction, string? Claim);

    private static readonly JsonSerializerOptions Indented = new(MessageJson.Options) { WriteIndented = true };

    /// <summary>What <c>parse --json</c> prints.</summary>
    public static string Serialize(RemittanceFile file) => JsonSerializer.Serialize(From(file), Indented);

    public static Document From(RemittanceFile file) => new(
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
        file.Errors.Select(Iss).ToList());

    private static AdjustmentJson Adj(Adjustment a) => new(a.Level == AdjustmentLevel.Claim ? "claim" : "line", a.Group, a.Reason, a.Amount, a.Quantity);
    private static Issue Iss(X12Issue i) => new(i.Position.SegmentIndex, i.Position.ByteOffset, i.Code, i.Message, i.TransactionControlNumber, i.PatientControlNumber);
}
