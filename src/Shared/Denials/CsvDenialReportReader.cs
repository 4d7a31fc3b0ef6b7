using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>
/// A problem in a CSV report: the 1-based row (the header is row 1, as a spreadsheet shows it), the column, a code, and
/// the patient control number of the row when it has one (as an 835 issue names its claim). Messages never repeat
/// cell contents (they may be PHI).
/// </summary>
public sealed record CsvIssue(X12IssueSeverity Severity, long Row, string? Column, string Message, string Code = "CsvIssue", string? Claim = null);

/// <summary>The claims a CSV denial report describes, plus its row-numbered issues.</summary>
public sealed record CsvDenialReport(IReadOnlyList<ClaimPayment> Claims, IReadOnlyList<CsvIssue> Issues)
{
    /// <summary>The synthetic transactions the claims belong to (one per payer and remittance date), each with its claims.</summary>
    public IReadOnlyList<RemittanceFileTransaction> Transactions { get; init; } = [];
}

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
public static class CsvDenialReportReader
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
        tokenizer.Finish(builder.Issues);
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
        tokenizer.Finish(builder.Issues);
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
            tokenizer.Finish([]);
            if (!tokenizer.TryTake(out record)) return [];
        }
        return record.Cells.Select(NormalizeHeader).Where(c => c.Length > 0).ToList();
    }

    internal static string NormalizeHeader(string cell) => cell.Trim().TrimStart('\uFEFF').Trim();

    private static X12Issue ToX12(CsvIssue i) =>
        new(i.Severity, i.Code, i.Message, new X12Position(0, 0), ControlNumber, i.Claim) { Row = i.Row, Column = i.Column };

    private static CsvIssue FromX12(X12Issue i) => new(i.Severity, i.Row ?? 0, i.Column, i.Message, i.Code, i.PatientControlNumber);

    private static RemittanceTransaction Transaction(string? payerId, string? payerName, DateOnly? decided) =>
        new(null, null, ControlNumber, Version, null, 0m, null, null, null, null, null, decided,
            new PayerInfo(payerName, payerId, null, []), new PayeeInfo(null, null, null, null, null), new X12Position(0, 0));

    /// <summary>Folds the rows of one report into claims (merging rows by payer and patient control number) and issues.</summary>
    private sealed class ReportBuilder(CsvDenialMapping m)
    {
        public List<CsvIssue> Issues { get; } = [];

        private bool _headerRead, _stopped;
        private int _headerCount;
        private Cols _c = null!;
        private readonly Dictionary<string, string> _statusMap = m.StatusMap.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        private readonly string[] _dateFormats = [.. m.DateFormats];
        private readonly Dictionary<(string? PayerId, string? PayerName, string Pcn), ClaimDraft> _claims = [];
        private readonly List<ClaimDraft> _order = [];

        public List<CsvIssue> TakeIssues()
        {
            var taken = new List<CsvIssue>(Issues);
            Issues.Clear();
            return taken;
        }

        public void Add(long row, List<string> cells)
        {
            if (_stopped) return;
            if (!_headerRead)
            {
                _headerRead = true;
                ReadHeader(row, cells);
                return;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) return;
            AddRow(row, cells);
        }

        private void ReadHeader(long row, List<string> header)
        {
            _headerCount = header.Count;
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                var name = NormalizeHeader(header[i]);
                if (name.Length > 0) columns.TryAdd(name, i);
            }
            var required = m.RequiredColumns().Select(c => c.Column).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missingOptional = new List<string>();
            int? Col(string? name)
            {
                if (name is null) return null;
                if (columns.TryGetValue(name.Trim(), out var i)) return i;
                if (required.Contains(name.Trim()) || name == m.PatientControlNumber)
                    Issues.Add(new CsvIssue(X12IssueSeverity.Error, row, name, $"Required column '{name}' is not in the header", "CsvMissingColumn"));
                else if (!missingOptional.Contains(name, StringComparer.OrdinalIgnoreCase)) missingOptional.Add(name);
                return null;
            }
            _c = new Cols
            {
                Pcn = Col(m.PatientControlNumber), Icn = Col(m.PayerClaimControlNumber), Status = Col(m.Status),
                PayerId = Col(m.PayerIdColumn), PayerName = Col(m.PayerNameColumn), Decided = Col(m.RemittanceDate),
                Charge = Col(m.ClaimCharge), Paid = Col(m.ClaimPaid), Resp = Col(m.PatientResponsibility), Filing = Col(m.FilingIndicator),
                Freq = Col(m.FrequencyCode), Last = Col(m.PatientLastName), First = Col(m.PatientFirstName), Member = Col(m.MemberId),
                Npi = Col(m.RenderingProviderNpi), Start = Col(m.ServiceDateStart), End = Col(m.ServiceDateEnd), Received = Col(m.ReceivedDate),
                Proc = Col(m.ProcedureCode), Mods = Col(m.Modifiers), LineCharge = Col(m.LineCharge), LinePaid = Col(m.LinePaid), Units = Col(m.Units),
                Dos = Col(m.ServiceDate), LineCtl = Col(m.LineControlNumber), Group = Col(m.AdjustmentGroup), Reason = Col(m.AdjustmentReason),
                Code = Col(m.AdjustmentCode), Amount = Col(m.AdjustmentAmount), Remarks = Col(m.RemarkCodes),
            };
            if (missingOptional.Count > 0)
                Issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, null,
                    $"Mapping '{m.Payer}': column(s) {string.Join(", ", missingOptional.Select(c => $"'{c}'"))} not in the header; those fields stay empty", "CsvMissingColumn"));
            // Without a required column no row can be read as the mapping means it: stop rather than guess.
            if (Issues.Any(i => i.Severity == X12IssueSeverity.Error)) _stopped = true;
        }

        private void AddRow(long row, List<string> cells)
        {
            var c = _c;
            string? Cell(int? i) => i is { } k && k < cells.Count && cells[k].Trim() is { Length: > 0 } v ? v : null;
            var pcn = Cell(c.Pcn);
            decimal? Amount(int? i, string? column)
            {
                var s = Cell(i);
                if (s is null) return null;
                switch (CsvAmount.TryParse(s, m.DecimalSeparator, out var d))
                {
                    case CsvAmount.Problem.None:
                        return d;
                    case CsvAmount.Problem.Ambiguous:
                        Issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column,
                            $"Ambiguous amount: with this mapping's decimal separator '{m.DecimalSeparator}' its separators do not group thousands, so it was not read " +
                            $"(is the report's decimal separator '{(m.DecimalSeparator == '.' ? ',' : '.')}'? then the mapping's decimalSeparator is wrong)", "CsvAmbiguousAmount", pcn));
                        return null;
                    default:
                        Issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column, "Not an amount", "CsvNotAnAmount", pcn));
                        return null;
                }
            }
            DateOnly? Date(int? i, string? column)
            {
                var s = Cell(i);
                if (s is null) return null;
                if (DateOnly.TryParseExact(s, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                Issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column, "Not a date in a known format", "CsvNotADate", pcn));
                return null;
            }

            if (cells.Count != _headerCount)
                Issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, null, $"Row has {cells.Count} cells, the header {_headerCount}", "CsvCellCount", pcn));
            if (pcn is null)
            {
                Issues.Add(new CsvIssue(X12IssueSeverity.Error, row, m.PatientControlNumber, "No patient control number: row skipped", "CsvNoClaimId"));
                return;
            }
            // A row that names its payer is filed under what it names; the mapping's payer is for rows (and reports) that name none.
            var (payerId, payerName) = Cell(c.PayerId) is null && Cell(c.PayerName) is null
                ? (NullIfEmpty(m.PayerId), NullIfEmpty(m.PayerName))
                : (Cell(c.PayerId), Cell(c.PayerName));
            if (!_claims.TryGetValue((payerId, payerName, pcn), out var draft))
            {
                draft = new ClaimDraft(pcn, row, payerId, payerName);
                _claims.Add((payerId, payerName, pcn), draft);
                _order.Add(draft);
            }
            draft.Icn ??= Cell(c.Icn);
            if (Cell(c.Status) is { } statusText)
            {
                if (_statusMap.TryGetValue(statusText, out var code)) draft.Status ??= code;
                else if (statusText.All(char.IsAsciiDigit)) draft.Status ??= statusText;
                else Issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.Status, $"Status value not in the mapping; '{m.DefaultStatus}' assumed", "CsvUnknownStatus", pcn));
            }
            draft.Decided ??= Date(c.Decided, m.RemittanceDate);
            draft.Charge ??= Amount(c.Charge, m.ClaimCharge);
            draft.Paid ??= Amount(c.Paid, m.ClaimPaid);
            draft.Resp ??= Amount(c.Resp, m.PatientResponsibility);
            draft.Filing ??= Cell(c.Filing);
            draft.Frequency ??= Cell(c.Freq);
            draft.Last ??= Cell(c.Last);
            draft.First ??= Cell(c.First);
            draft.Member ??= Cell(c.Member);
            draft.Npi ??= Cell(c.Npi);
            draft.Start ??= Date(c.Start, m.ServiceDateStart);
            draft.End ??= Date(c.End, m.ServiceDateEnd);
            draft.Received ??= Date(c.Received, m.ReceivedDate);

            var position = new X12Position(row, 0);
            var adjustments = new List<Adjustment>();
            var amount = Amount(c.Amount, m.AdjustmentAmount);
            var (group, reason) = AdjustmentCode(Cell(c.Group), Cell(c.Reason), Cell(c.Code), m.DefaultAdjustmentGroup);
            var proc = Cell(c.Proc);
            var level = proc is null ? AdjustmentLevel.Claim : AdjustmentLevel.Line;
            if (reason is not null)
            {
                if (amount is { } a) adjustments.Add(new Adjustment(level, group!, reason, a, null, position));
                else Issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.AdjustmentAmount, "Adjustment reason without an amount", "CsvAdjustment", pcn));
            }
            else if (amount is not null) Issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.AdjustmentCode ?? m.AdjustmentReason, "Adjustment amount without a reason code", "CsvAdjustment", pcn));
            var remarks = Split(Cell(c.Remarks));

            var parts = proc?.Split([':', '-', ' '], 2, StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (proc is not null && parts.Length == 0)
            {
                // Only separators ("-", ":"): no code to put on a line. The row's adjustments stay with the claim.
                Issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.ProcedureCode, "Procedure code cell holds no code; the row is read as claim-level", "CsvProcedure", pcn));
                proc = null;
            }
            if (proc is not null)
            {
                var modifiers = Split(Cell(c.Mods));
                var lineCharge = Amount(c.LineCharge, m.LineCharge) ?? 0m;
                var linePaid = Amount(c.LinePaid, m.LinePaid) ?? 0m;
                var dos = Date(c.Dos, m.ServiceDate);
                var control = Cell(c.LineCtl);
                // Several rows for one line (one per adjustment): merge into the line already read.
                var existing = draft.Lines.FindIndex(l => l.Procedure == parts[0] && l.ServiceDate == dos && l.LineControlNumber == control && l.Modifiers.SequenceEqual(modifiers));
                if (existing >= 0)
                {
                    var l = draft.Lines[existing];
                    draft.Lines[existing] = l with { Adjustments = [.. l.Adjustments, .. adjustments], Remarks = [.. l.Remarks, .. remarks.Except(l.Remarks)] };
                }
                else
                {
                    var refs = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (control is not null) refs["6R"] = control;
                    draft.Lines.Add(new ServiceLine("HC", parts[0], modifiers, lineCharge, linePaid, null, Amount(c.Units, m.Units), null, null, [],
                        dos, null, control, refs, null, new Dictionary<string, decimal>(), adjustments, remarks, position));
                }
            }
            else
            {
                draft.Adjustments.AddRange(adjustments);
                foreach (var r in remarks) if (!draft.Remarks.Contains(r)) draft.Remarks.Add(r);
            }
        }

        /// <summary>The claims, grouped into one synthetic transaction per payer and remittance date (in the order first seen).</summary>
        public List<(RemittanceTransaction Transaction, List<ClaimPayment> Claims)> Finish()
        {
            var result = new List<(RemittanceTransaction, List<ClaimPayment>)>();
            if (!_headerRead)
            {
                Issues.Add(new CsvIssue(X12IssueSeverity.Error, 1, null, "Empty report: no header row", "CsvEmpty"));
                return result;
            }
            if (_stopped) return result;
            if (_order.Count == 0)
            {
                // A report with nothing in it is a report (no denials this time), not a broken file.
                Issues.Add(new CsvIssue(X12IssueSeverity.Warning, 1, null, "The report has a header but no rows", "CsvNoRows"));
                result.Add((Transaction(NullIfEmpty(m.PayerId), NullIfEmpty(m.PayerName), null), []));
                return result;
            }
            var groups = new Dictionary<(string?, string?, DateOnly?), List<ClaimPayment>>();
            foreach (var d in _order)
            {
                var key = (d.PayerId, d.PayerName, d.Decided);
                if (!groups.TryGetValue(key, out var claims))
                {
                    groups.Add(key, claims = []);
                    result.Add((Transaction(d.PayerId, d.PayerName, d.Decided), claims));
                }
                claims.Add(Build(d));
            }
            return result;
        }

        private ClaimPayment Build(ClaimDraft d)
        {
            var charge = d.Charge ?? d.Lines.Sum(l => l.Charge);
            var paid = d.Paid ?? d.Lines.Sum(l => l.Paid);
            PersonName? patient = d.Last is null && d.First is null && d.Member is null ? null : new PersonName("QC", d.Last, d.First, null, null, d.Member is null ? null : "MI", d.Member);
            PersonName? rendering = d.Npi is null ? null : new PersonName("82", null, null, null, null, "XX", d.Npi);
            return new ClaimPayment(d.Pcn, d.Status ?? m.DefaultStatus, charge, paid, d.Resp, d.Filing, d.Icn, null, d.Frequency, null,
                patient, null, null, rendering, d.Start ?? d.Lines.Min(l => l.ServiceDate), d.End, d.Received,
                new Dictionary<string, string>(), new Dictionary<string, decimal>(), d.Adjustments, d.Remarks, d.Lines, new X12Position(d.FirstRow, 0));
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static (string? Group, string? Reason) AdjustmentCode(string? group, string? reason, string? code, string defaultGroup)
    {
        if (reason is not null) return ((group ?? defaultGroup).ToUpperInvariant(), reason.ToUpperInvariant());
        if (code is null) return (null, null);
        code = code.Trim().ToUpperInvariant();
        var dash = code.IndexOfAny(['-', ' ', ':']);
        if (dash == 2) return (code[..2], code[3..].Trim());
        if (code.Length > 2 && code[..2] is "CO" or "PR" or "OA" or "PI" or "CR") return (code[..2], code[2..]);
        return (group?.ToUpperInvariant() ?? defaultGroup, code);
    }

    private static string[] Split(string? cell) =>
        cell is null ? [] : cell.Split([' ', ',', ';', '|', ':'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed class Cols
    {
        public int? Pcn, Icn, Status, PayerId, PayerName, Decided, Charge, Paid, Resp, Filing, Freq, Last, First, Member, Npi, Start, End, Received,
            Proc, Mods, LineCharge, LinePaid, Units, Dos, LineCtl, Group, Reason, Code, Amount, Remarks;
    }

    private sealed class ClaimDraft(string pcn, long firstRow, string? payerId, string? payerName)
    {
        public string Pcn { get; } = pcn;
        public long FirstRow { get; } = firstRow;
        public string? PayerId { get; } = payerId;
        public string? PayerName { get; } = payerName;
        public string? Icn, Status, Filing, Frequency, Last, First, Member, Npi;
        public decimal? Charge, Paid, Resp;
        public DateOnly? Start, End, Received, Decided;
        public List<Adjustment> Adjustments { get; } = [];
        public List<string> Remarks { get; } = [];
        public List<ServiceLine> Lines { get; } = [];
    }
}

/// <summary>
/// RFC 4180 records from text fed in chunks (so a report is never one string), each with the 1-based physical row it
/// starts on. A quote opens a quoted cell only at the cell's start; inside it a doubled quote is a quote and line breaks
/// belong to the cell (and count as rows).
/// </summary>
internal sealed class CsvTokenizer(char delimiter)
{
    private readonly Queue<(long Row, List<string> Cells)> _ready = new();
    private readonly StringBuilder _sb = new();
    private List<string> _cells = [];
    private long _row = 1, _startRow = 1;
    private bool _inQuotes, _quotePending, _crPending, _any;

    public bool TryTake(out (long Row, List<string> Cells) record) => _ready.TryDequeue(out record);

    public void Feed(ReadOnlySpan<char> text)
    {
        foreach (var ch in text) Step(ch);
    }

    private void Step(char c)
    {
        if (_crPending)
        {
            _crPending = false;
            if (c == '\n') return; // the \n of a \r\n: the \r ended the record
        }
        _any = true;
        if (_quotePending)
        {
            _quotePending = false;
            if (c == '"') { _sb.Append('"'); return; }
            _inQuotes = false; // the quote closed the cell; c is read outside quotes
        }
        else if (_inQuotes)
        {
            if (c == '"') { _quotePending = true; return; }
            if (c == '\n') _row++;
            _sb.Append(c);
            return;
        }
        if (c == '"' && _sb.Length == 0) { _inQuotes = true; return; }
        if (c == delimiter) { _cells.Add(_sb.ToString()); _sb.Clear(); return; }
        if (c == '\r') { _crPending = true; EndRecord(); return; }
        if (c == '\n') { EndRecord(); return; }
        _sb.Append(c);
    }

    private void EndRecord()
    {
        _cells.Add(_sb.ToString());
        _sb.Clear();
        _ready.Enqueue((_startRow, _cells));
        _cells = [];
        _any = false;
        _row++;
        _startRow = _row;
    }

    /// <summary>The end of the text: the last record (without a final line break) and an unclosed quote.</summary>
    public void Finish(List<CsvIssue> issues)
    {
        if (_quotePending) { _quotePending = false; _inQuotes = false; }
        if (_inQuotes) issues.Add(new CsvIssue(X12IssueSeverity.Error, _startRow, null, "Quoted field not closed before the end of the file", "CsvUnclosedQuote"));
        if (_any || _sb.Length > 0 || _cells.Count > 0)
        {
            _cells.Add(_sb.ToString());
            _sb.Clear();
            _ready.Enqueue((_startRow, _cells));
            _cells = [];
            _any = false;
        }
    }
}
