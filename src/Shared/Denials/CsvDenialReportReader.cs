using System.Globalization;
using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>A problem in a CSV report: the 1-based row (the header is row 1, as a spreadsheet shows it) and the column.
/// Messages never repeat cell contents (they may be PHI).</summary>
public sealed record CsvIssue(X12IssueSeverity Severity, long Row, string? Column, string Message);

/// <summary>The claims a CSV denial report describes, plus its row-numbered issues.</summary>
public sealed record CsvDenialReport(IReadOnlyList<ClaimPayment> Claims, IReadOnlyList<CsvIssue> Issues);

/// <summary>
/// Reads payer-portal CSV denial reports (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, any
/// delimiter) into <see cref="ClaimPayment"/>s through a per-payer <see cref="CsvDenialMapping"/>. Bad cells are
/// reported with their row and column and the row is kept where possible; the reader never throws for bad content.
/// </summary>
public static class CsvDenialReportReader
{
    public static async Task<CsvDenialReport> ReadAsync(Stream stream, CsvDenialMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Read(new StringReader(text), mapping);
    }

    public static CsvDenialReport Parse(string csv, CsvDenialMapping mapping) => Read(new StringReader(csv), mapping);

    public static CsvDenialReport Read(TextReader reader, CsvDenialMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var issues = new List<CsvIssue>();
        var records = ReadRecords(reader, mapping.Delimiter, issues).GetEnumerator();
        if (!records.MoveNext())
        {
            issues.Add(new CsvIssue(X12IssueSeverity.Error, 1, null, "Empty report: no header row"));
            return new CsvDenialReport([], issues);
        }
        var (headerRow, header) = records.Current;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (name.Length > 0) columns.TryAdd(name, i);
        }
        int? Col(string? name, bool required = false)
        {
            if (name is null) return null;
            if (columns.TryGetValue(name.Trim(), out var i)) return i;
            issues.Add(new CsvIssue(required ? X12IssueSeverity.Error : X12IssueSeverity.Warning, headerRow, name, $"Column '{name}' is not in the header"));
            return null;
        }
        var m = mapping;
        var c = new
        {
            Pcn = Col(m.PatientControlNumber, required: true), Icn = Col(m.PayerClaimControlNumber), Status = Col(m.Status),
            Charge = Col(m.ClaimCharge), Paid = Col(m.ClaimPaid), Resp = Col(m.PatientResponsibility), Filing = Col(m.FilingIndicator),
            Freq = Col(m.FrequencyCode), Last = Col(m.PatientLastName), First = Col(m.PatientFirstName), Member = Col(m.MemberId),
            Npi = Col(m.RenderingProviderNpi), Start = Col(m.ServiceDateStart), End = Col(m.ServiceDateEnd), Received = Col(m.ReceivedDate),
            Proc = Col(m.ProcedureCode), Mods = Col(m.Modifiers), LineCharge = Col(m.LineCharge), LinePaid = Col(m.LinePaid), Units = Col(m.Units),
            Dos = Col(m.ServiceDate), LineCtl = Col(m.LineControlNumber), Group = Col(m.AdjustmentGroup), Reason = Col(m.AdjustmentReason),
            Code = Col(m.AdjustmentCode), Amount = Col(m.AdjustmentAmount), Remarks = Col(m.RemarkCodes),
        };
        if (c.Pcn is null) return new CsvDenialReport([], issues);

        var statusMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in m.StatusMap) statusMap.TryAdd(k.Trim(), v);
        var claims = new Dictionary<string, ClaimDraft>(StringComparer.Ordinal);
        var order = new List<ClaimDraft>();
        while (records.MoveNext())
        {
            var (row, cells) = records.Current;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            string? Cell(int? i) => i is { } k && k < cells.Count && cells[k].Trim() is { Length: > 0 } v ? v : null;
            decimal? Amount(int? i, string? column)
            {
                var s = Cell(i);
                if (s is null) return null;
                if (TryParseAmount(s, out var d)) return d;
                issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column, "Not an amount"));
                return null;
            }
            DateOnly? Date(int? i, string? column)
            {
                var s = Cell(i);
                if (s is null) return null;
                if (DateOnly.TryParseExact(s, m.DateFormats.ToArray(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column, "Not a date in a known format"));
                return null;
            }

            if (cells.Count != header.Count)
                issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, null, $"Row has {cells.Count} cells, the header {header.Count}"));
            var pcn = Cell(c.Pcn);
            if (pcn is null)
            {
                issues.Add(new CsvIssue(X12IssueSeverity.Error, row, m.PatientControlNumber, "No patient control number: row skipped"));
                continue;
            }
            if (!claims.TryGetValue(pcn, out var draft))
            {
                draft = new ClaimDraft(pcn, row);
                claims.Add(pcn, draft);
                order.Add(draft);
            }
            draft.Icn ??= Cell(c.Icn);
            if (Cell(c.Status) is { } statusText)
            {
                if (statusMap.TryGetValue(statusText, out var code)) draft.Status ??= code;
                else if (statusText.All(char.IsAsciiDigit)) draft.Status ??= statusText;
                else issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.Status, $"Status value not in the mapping; '{m.DefaultStatus}' assumed"));
            }
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
                else issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.AdjustmentAmount, "Adjustment reason without an amount"));
            }
            else if (amount is not null) issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, m.AdjustmentCode ?? m.AdjustmentReason, "Adjustment amount without a reason code"));
            var remarks = Split(Cell(c.Remarks));

            if (proc is not null)
            {
                var parts = proc.Split([':', '-', ' '], 2, StringSplitOptions.RemoveEmptyEntries);
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

        var result = new List<ClaimPayment>(order.Count);
        foreach (var d in order)
        {
            var charge = d.Charge ?? d.Lines.Sum(l => l.Charge);
            var paid = d.Paid ?? d.Lines.Sum(l => l.Paid);
            PersonName? patient = d.Last is null && d.First is null && d.Member is null ? null : new PersonName("QC", d.Last, d.First, null, null, d.Member is null ? null : "MI", d.Member);
            PersonName? rendering = d.Npi is null ? null : new PersonName("82", null, null, null, null, "XX", d.Npi);
            result.Add(new ClaimPayment(d.Pcn, d.Status ?? m.DefaultStatus, charge, paid, d.Resp, d.Filing, d.Icn, null, d.Frequency, null,
                patient, null, null, rendering, d.Start ?? d.Lines.Min(l => l.ServiceDate), d.End, d.Received,
                new Dictionary<string, string>(), new Dictionary<string, decimal>(), d.Adjustments, d.Remarks, d.Lines, new X12Position(d.FirstRow, 0)));
        }
        return new CsvDenialReport(result, issues);
    }

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

    /// <summary>"1,234.56", "$1,234.56", "(12.00)", "-12" — invariant culture.</summary>
    internal static bool TryParseAmount(string s, out decimal value)
    {
        s = s.Replace("$", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowParentheses
            | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>RFC 4180 records with the 1-based physical row where each starts.</summary>
    internal static IEnumerable<(long Row, List<string> Cells)> ReadRecords(TextReader reader, char delimiter, List<CsvIssue> issues)
    {
        long row = 1, startRow = 1;
        var cells = new List<string>();
        var sb = new StringBuilder();
        var inQuotes = false;
        var any = false;
        int ch;
        while ((ch = reader.Read()) >= 0)
        {
            any = true;
            var c = (char)ch;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); sb.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') row++;
                    sb.Append(c);
                }
                continue;
            }
            if (c == '"' && sb.Length == 0) { inQuotes = true; continue; }
            if (c == delimiter) { cells.Add(sb.ToString()); sb.Clear(); continue; }
            if (c == '\r') { if (reader.Peek() == '\n') reader.Read(); c = '\n'; }
            if (c == '\n')
            {
                cells.Add(sb.ToString());
                sb.Clear();
                yield return (startRow, cells);
                cells = [];
                any = false;
                row++;
                startRow = row;
                continue;
            }
            sb.Append(c);
        }
        if (inQuotes) issues.Add(new CsvIssue(X12IssueSeverity.Error, startRow, null, "Quoted field not closed before the end of the file"));
        if (any || sb.Length > 0 || cells.Count > 0)
        {
            cells.Add(sb.ToString());
            yield return (startRow, cells);
        }
    }

    private sealed class ClaimDraft(string pcn, long firstRow)
    {
        public string Pcn { get; } = pcn;
        public long FirstRow { get; } = firstRow;
        public string? Icn, Status, Filing, Frequency, Last, First, Member, Npi;
        public decimal? Charge, Paid, Resp;
        public DateOnly? Start, End, Received;
        public List<Adjustment> Adjustments { get; } = [];
        public List<string> Remarks { get; } = [];
        public List<ServiceLine> Lines { get; } = [];
    }
}
