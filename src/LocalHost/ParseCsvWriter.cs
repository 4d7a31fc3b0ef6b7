using System.Globalization;
using System.Text;
using DenialPipeline.Api;
using DenialPipeline.Metrics;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>
/// Writes <c>parse --csv</c> as the file is read: one row per service line (a claim without lines: one row with the
/// line columns empty), claim columns repeated on each, so a spreadsheet filters and sums without joins. Adjustments
/// are <c>GROUP-REASON AMOUNT</c> joined with "; ". Text cells are escaped against formula injection
/// (<see cref="MetricsCsv.Escape"/>); warnings and errors go to the error output as the summary prints them.
/// </summary>
public sealed class ParseCsvWriter(TextWriter output)
{
    /// <summary>The header row, in column order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "transaction", "payer_id", "payer_name", "trace_number", "payment_date", "patient_control_number", "payer_claim_control_number",
        "claim_status", "claim_charge", "claim_paid", "patient_responsibility", "claim_denied", "reversal", "claim_adjustments", "claim_remarks",
        "line", "procedure", "modifiers", "line_charge", "line_paid", "units", "line_denied", "line_adjustments", "line_remarks",
    ];

    // Flush to the output once this much text is pending.
    private const int FlushChars = 32 * 1024;

    private readonly StringBuilder _pending = new();
    private readonly string[] _cells = new string[Columns.Count];

    /// <summary>Writes the header, then a row per line of every claim as it is read; returns the issues for the caller to print.</summary>
    public async Task<IReadOnlyList<X12Issue>> WriteAsync(IAsyncEnumerable<RemittanceEvent> events, CancellationToken cancellationToken)
    {
        var issues = new List<X12Issue>();
        Row(Columns);
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e is ClaimRead c) AddClaim(c.Transaction, c.Claim);
            else if (e is IssueFound i) issues.Add(i.Issue);
            if (_pending.Length >= FlushChars) await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return issues;
    }

    // Blocking writes, as parse --json's: an asynchronous write hops to a pool thread per flush.
    private Task FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var chunk in _pending.GetChunks()) output.Write(chunk.Span);
        _pending.Clear();
        return Task.CompletedTask;
    }

    private void AddClaim(RemittanceTransaction tx, ClaimPayment c)
    {
        var cells = _cells;
        cells[0] = Text(tx.ControlNumber);
        cells[1] = Text(tx.Payer.Id);
        cells[2] = Text(tx.Payer.Name);
        cells[3] = Text(tx.TraceNumber);
        cells[4] = tx.PaymentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        cells[5] = Text(c.PatientControlNumber);
        cells[6] = Text(c.PayerClaimControlNumber);
        cells[7] = Text(c.Status);
        cells[8] = Number(c.Charge);
        cells[9] = Number(c.Paid);
        cells[10] = Number(c.PatientResponsibility);
        cells[11] = c.Denied ? "true" : "false";
        cells[12] = c.Reversal ? "true" : "false";
        cells[13] = Text(Adjustments(c.Adjustments));
        cells[14] = Text(string.Join("; ", c.Remarks));
        if (c.Lines.Count == 0)
        {
            for (var k = 15; k < cells.Length; k++) cells[k] = "";
            Row(cells);
            return;
        }
        for (var n = 0; n < c.Lines.Count; n++)
        {
            var l = c.Lines[n];
            cells[15] = (n + 1).ToString(CultureInfo.InvariantCulture);
            cells[16] = Text(l.Procedure);
            cells[17] = Text(string.Join(":", l.Modifiers));
            cells[18] = Number(l.Charge);
            cells[19] = Number(l.Paid);
            cells[20] = Number(l.Units);
            cells[21] = c.IsLineDenied(l) ? "true" : "false";
            cells[22] = Text(Adjustments(l.Adjustments));
            cells[23] = Text(string.Join("; ", l.Remarks));
            Row(cells);
        }
    }

    private void Row(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) _pending.Append(',');
            _pending.Append(cells[i]);
        }
        _pending.Append("\r\n");
    }

    private static string Adjustments(IReadOnlyList<Adjustment> adjustments) =>
        string.Join("; ", adjustments.Select(a => $"{a.Group}-{a.Reason} {a.Amount.ToString(CultureInfo.InvariantCulture)}"));

    private static string Text(string? value) => value is null ? "" : MetricsCsv.Escape(value);

    // Numbers are the file's decimals as parsed, never text from it, so they need no escaping (and a leading '-' is a sign).
    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
