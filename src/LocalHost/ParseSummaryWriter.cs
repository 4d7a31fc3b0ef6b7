using System.Text;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Denials;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>
/// Writes the coder's summary of <c>parse</c> as the file is read: one transaction at a time (its header line counts
/// its claims, so only that transaction's claims needing work wait for its end), then the warnings and errors.
/// </summary>
public sealed class ParseSummaryWriter(TextWriter output, CodeBook codes, string? csvMapping)
{
    private readonly StringBuilder _claims = new();
    private readonly List<X12Issue> _issues = [];
    private int _claimCount, _needWork, _transactions;

    /// <summary>Writes every event's part of the summary, then the issues.</summary>
    public async Task WriteAsync(IAsyncEnumerable<RemittanceEvent> events, CancellationToken cancellationToken)
    {
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (Add(e) is { } text) await output.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        await output.WriteAsync(Finish().AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes one event; at a transaction's end returns its text.</summary>
    public string? Add(RemittanceEvent e)
    {
        switch (e)
        {
            case TransactionStarted: _claims.Clear(); _claimCount = 0; _needWork = 0; return null;
            case ClaimRead c: AddClaim(c.Claim); return null;
            case TransactionEnded t: _transactions++; return Transaction(t.Transaction, t.ProviderAdjustments);
            case IssueFound i: _issues.Add(i.Issue); return null;
            default: return null;
        }
    }

    /// <summary>The issues, each with where it is; or that the file held no transaction.</summary>
    public string Finish()
    {
        var sb = new StringBuilder();
        foreach (var i in _issues)
            sb.AppendLine(i.Row is { } row
                ? $"{i.Severity} at row {row}{(i.Column is null ? "" : $", column '{i.Column}'")}{Where(i)}: {i.Message}"
                : $"{i.Severity} at segment {i.Position.SegmentIndex} (byte {i.Position.ByteOffset}){Where(i)}: {i.Message}");
        if (_transactions == 0 && _issues.Count == 0) sb.AppendLine("No 835 transaction found in this file.");
        return sb.ToString();
    }

    private void AddClaim(ClaimPayment c)
    {
        _claimCount++;
        if (c.Denied) _needWork++;
        if (!c.Denied && !c.Reversal) return;
        var sb = _claims;
        sb.AppendLine($"  • Claim {c.PatientControlNumber} (payer # {c.PayerClaimControlNumber ?? "none"}): billed {Money.Format(c.Charge)}, paid {Money.Format(c.Paid)}{(c.Reversal ? " — REVERSAL of an earlier payment" : c.Status == "4" ? " — DENIED" : " — needs work")}");
        foreach (var a in c.AllAdjustments.Where(a => a.Amount != 0))
            sb.AppendLine($"      {a.Group}-{a.Reason} {Money.Format(a.Amount)}: {Plain(a.Reason)}{(a.Level == AdjustmentLevel.Line ? " (service line)" : "")}");
        foreach (var r in c.Remarks.Concat(c.Lines.SelectMany(l => l.Remarks)).Distinct())
            sb.AppendLine($"      remark {r}: {(codes.Rarc(r) is { Known: true } info ? info.Text : "remark code not in our code book")}");
    }

    private string Transaction(RemittanceTransaction tx, IReadOnlyList<ProviderAdjustment> providerAdjustments)
    {
        var sb = new StringBuilder();
        if (CsvDenialReportReader.IsCsv(tx))
        {
            // A report has no check and no payee: say what it is read as, and the date deadlines count from.
            sb.AppendLine($"CSV denial report (mapping '{csvMapping}') from {tx.Payer.Name ?? "(payer not named)"} (payer id {tx.Payer.Id ?? "none"})");
            sb.AppendLine($"  {(tx.ProductionDate is { } decided ? $"decided {decided:yyyy-MM-dd} · " : "")}{_claimCount} claims, {_needWork} need work");
        }
        else
        {
            sb.AppendLine($"Remittance {tx.ControlNumber} from {tx.Payer.Name ?? "(payer not named)"} (payer id {tx.Payer.Id ?? "none"}) to {tx.Payee.Name ?? "(payee not named)"}");
            sb.AppendLine($"  Check/EFT {tx.TraceNumber ?? "(none)"} · paid {Money.Format(tx.PaymentAmount)}{(tx.PaymentDate is { } d ? $" on {d:yyyy-MM-dd}" : "")} · {_claimCount} claims, {_needWork} need work");
        }
        sb.Append(_claims);
        _claims.Clear();
        if (providerAdjustments.Count > 0)
            sb.AppendLine($"  Provider adjustments: {string.Join(", ", providerAdjustments.Select(p => $"{p.ReasonCode} {Money.Format(p.Amount)}"))}");
        return sb.ToString();
    }

    // A report's issues all sit in its one synthetic transaction ("CSV"): naming it would tell a coder nothing.
    private static string Where(X12Issue i) =>
        (i.TransactionControlNumber is { } t && i.Row is null ? $", transaction {t}" : "") + (i.PatientControlNumber is { Length: > 0 } c ? $", claim {c}" : "");

    private string Plain(string reason) =>
        codes.Carc(reason) is { Known: true } info ? info.Description : $"reason code {reason} is not in our code book";
}
