using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DenialPipeline.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>
/// Reads payer-portal CSV denial reports (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, any
/// delimiter) into <see cref="ClaimPayment"/>s through a per-payer <see cref="CsvDenialMapping"/>. Bad cells are
/// reported with their row and column and the row is kept where possible; the reader never throws for bad content.
/// <para>
/// <see cref="ReadEventsAsync"/> gives the same events as the 835 reader (<see cref="TransactionStarted"/>,
/// <see cref="ClaimRead"/>, <see cref="IssueFound"/>, <see cref="TransactionEnded"/>) with synthetic transactions
/// (control number <see cref="ControlNumber"/>, no BPR: paid 0, no check), so ingest and everything after it treat a
/// report like a remittance. The text is read in chunks and issues are yielded as they are found, but the claims come
/// only at the end: rows of one claim may be anywhere in a report, so every claim is held until the last row (memory
/// grows with the number of claims; ingest caps a report's size with <c>Ingest:MaxCsvFileBytes</c>).
/// </para>
/// </summary>
public static partial class CsvDenialReportReader
{
    /// <summary>The control number (ST02) of every synthetic transaction a report gives.</summary>
    public const string ControlNumber = "CSV";

    /// <summary>The <see cref="RemittanceTransaction.Version"/> of a synthetic transaction: how later stages tell a report from an 835.</summary>
    public const string Version = "CSV";

    /// <summary>Whether the transaction came from a CSV report (its claims' positions are rows, not segments).</summary>
    public static bool IsCsv(RemittanceTransaction tx) => tx.Version == Version;

    private const int ChunkChars = 16 * 1024;

    /// <summary>The report as events, in the 835 reader's shape; issues as they are found, claims at the end.</summary>
    public static async IAsyncEnumerable<RemittanceEvent> ReadEventsAsync(Stream stream, CsvDenialMapping mapping,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mapping);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, ChunkChars, leaveOpen: true);
        var builder = new ReportBuilder(mapping);
        var tokenizer = new CsvTokenizer(mapping.Delimiter);
        var buffer = ArrayPool<char>.Shared.Rent(ChunkChars);
        try
        {
            int n;
            while ((n = await reader.ReadAsync(buffer.AsMemory(0, ChunkChars), cancellationToken).ConfigureAwait(false)) > 0)
            {
                tokenizer.Feed(buffer.AsSpan(0, n));
                while (tokenizer.TryTake(out var record)) builder.Add(record.Row, record.Cells);
                foreach (var issue in builder.TakeIssues()) yield return new IssueFound(ToX12(issue));
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        if (tokenizer.Finish() is { } unclosed) builder.Issues.Add(UnclosedQuote(unclosed));
        while (tokenizer.TryTake(out var last)) builder.Add(last.Row, last.Cells);
        var transactions = builder.Finish();
        foreach (var issue in builder.TakeIssues()) yield return new IssueFound(ToX12(issue));
        foreach (var (tx, claims) in transactions)
        {
            yield return new TransactionStarted(tx);
            foreach (var claim in claims) yield return new ClaimRead(tx, claim);
            yield return new TransactionEnded(tx, [], claims.Count);
        }
    }

    public static async Task<CsvDenialReport> ReadAsync(Stream stream, CsvDenialMapping mapping, CancellationToken cancellationToken = default)
    {
        var claims = new List<ClaimPayment>();
        var issues = new List<CsvIssue>();
        var transactions = new List<RemittanceFileTransaction>();
        var current = new List<ClaimPayment>();
        await foreach (var e in ReadEventsAsync(stream, mapping, cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case IssueFound { Issue: var i }: issues.Add(FromX12(i)); break;
                case TransactionStarted: current = []; break;
                case ClaimRead c: current.Add(c.Claim); claims.Add(c.Claim); break;
                case TransactionEnded t: transactions.Add(new RemittanceFileTransaction(t.Transaction, current, [])); break;
            }
        }
        return new CsvDenialReport(claims, issues) { Transactions = transactions };
    }

    public static CsvDenialReport Parse(string csv, CsvDenialMapping mapping) => Read(new StringReader(csv), mapping);

    public static CsvDenialReport Read(TextReader reader, CsvDenialMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var builder = new ReportBuilder(mapping);
        var tokenizer = new CsvTokenizer(mapping.Delimiter);
        var buffer = new char[ChunkChars];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            tokenizer.Feed(buffer.AsSpan(0, n));
            while (tokenizer.TryTake(out var record)) builder.Add(record.Row, record.Cells);
        }
        if (tokenizer.Finish() is { } unclosed) builder.Issues.Add(UnclosedQuote(unclosed));
        while (tokenizer.TryTake(out var last)) builder.Add(last.Row, last.Cells);
        var transactions = builder.Finish();
        return new CsvDenialReport(transactions.SelectMany(t => t.Claims).ToList(), builder.TakeIssues())
        {
            Transactions = transactions.Select(t => new RemittanceFileTransaction(t.Transaction, t.Claims, [])).ToList(),
        };
    }

    /// <summary>The header row's cells with each delimiter (for choosing a mapping), from the beginning of a report.</summary>
    internal static IReadOnlyList<string> HeaderCells(string start, char delimiter)
    {
        var tokenizer = new CsvTokenizer(delimiter);
        // Fed in slices: only the first record is wanted, not every row of the sniffed bytes.
        (long Row, List<string> Cells) record = (0, []);
        var found = false;
        for (var i = 0; i < start.Length && !found; i += 1024)
        {
            tokenizer.Feed(start.AsSpan(i, Math.Min(1024, start.Length - i)));
            found = tokenizer.TryTake(out record);
        }
        if (!found)
        {
            tokenizer.Finish();
            if (!tokenizer.TryTake(out record)) return [];
        }
        return record.Cells.Select(NormalizeHeader).Where(c => c.Length > 0).ToList();
    }

    private static CsvIssue UnclosedQuote(long row) =>
        new(X12IssueSeverity.Error, row, null, "Quoted field not closed before the end of the file", "CsvUnclosedQuote");

    internal static string NormalizeHeader(string cell) => cell.Trim().TrimStart('\uFEFF').Trim();

    private static X12Issue ToX12(CsvIssue i) =>
        new(i.Severity, i.Code, i.Message, new X12Position(0, 0), ControlNumber, i.Claim) { Row = i.Row, Column = i.Column };

    private static CsvIssue FromX12(X12Issue i) => new(i.Severity, i.Row ?? 0, i.Column, i.Message, i.Code, i.PatientControlNumber);

    private static RemittanceTransaction Transaction(string? payerId, string? payerName, DateOnly? decided) =>
        new(null, null, ControlNumber, Version, null, 0m, null, null, null, null, null, decided,
            new PayerInfo(payerName, payerId, null, []), new PayeeInfo(null, null, null, null, null), new X12Position(0, 0));
}
