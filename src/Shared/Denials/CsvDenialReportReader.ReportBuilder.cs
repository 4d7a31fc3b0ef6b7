using DenialPipeline.X12;

namespace DenialPipeline.Denials;

// The row-folding half of the reader: header columns, cells, and the claims they add up to.
public static partial class CsvDenialReportReader
{
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
            var r = new RowCells(row, cells, _c.Pcn, m, _dateFormats, Issues);
            if (cells.Count != _headerCount) r.Warn(null, $"Row has {cells.Count} cells, the header {_headerCount}", "CsvCellCount");
            if (r.Pcn is not { } pcn)
            {
                Issues.Add(new CsvIssue(X12IssueSeverity.Error, row, m.PatientControlNumber, "No patient control number: row skipped", "CsvNoClaimId"));
                return;
            }
            var draft = DraftFor(r, pcn);
            FillClaim(draft, r);
            var procedure = r.Cell(_c.Proc);
            var position = new X12Position(row, 0);
            var adjustments = Adjustments(r, procedure is null ? AdjustmentLevel.Claim : AdjustmentLevel.Line, position);
            var remarks = Split(r.Cell(_c.Remarks));
            var code = procedure?.Split([':', '-', ' '], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (procedure is not null && code is null)
            {
                // Only separators ("-", ":"): no code to put on a line. The row's adjustments stay with the claim.
                r.Warn(m.ProcedureCode, "Procedure code cell holds no code; the row is read as claim-level", "CsvProcedure");
            }
            if (code is not null) AddToLine(draft, r, code, adjustments, remarks, position);
            else
            {
                draft.Adjustments.AddRange(adjustments);
                foreach (var remark in remarks) if (!draft.Remarks.Contains(remark)) draft.Remarks.Add(remark);
            }
        }

        /// <summary>
        /// The claim a row belongs to, by payer and patient control number. A row that names its payer is filed under what
        /// it names; the mapping's payer is for rows (and reports) that name none.
        /// </summary>
        private ClaimDraft DraftFor(RowCells r, string pcn)
        {
            var (payerId, payerName) = r.Cell(_c.PayerId) is null && r.Cell(_c.PayerName) is null
                ? (NullIfEmpty(m.PayerId), NullIfEmpty(m.PayerName))
                : (r.Cell(_c.PayerId), r.Cell(_c.PayerName));
            if (_claims.TryGetValue((payerId, payerName, pcn), out var draft)) return draft;
            draft = new ClaimDraft(pcn, r.Row, payerId, payerName);
            _claims.Add((payerId, payerName, pcn), draft);
            _order.Add(draft);
            return draft;
        }

        /// <summary>Claim-level fields: the first row that gives one sets it.</summary>
        private void FillClaim(ClaimDraft draft, RowCells r)
        {
            var c = _c;
            draft.Icn ??= r.Cell(c.Icn);
            if (r.Cell(c.Status) is { } statusText)
            {
                if (_statusMap.TryGetValue(statusText, out var code)) draft.Status ??= code;
                else if (statusText.All(char.IsAsciiDigit)) draft.Status ??= statusText;
                else r.Warn(m.Status, $"Status value not in the mapping; '{m.DefaultStatus}' assumed", "CsvUnknownStatus");
            }
            draft.Decided ??= r.Date(c.Decided, m.RemittanceDate);
            draft.Charge ??= r.Amount(c.Charge, m.ClaimCharge);
            draft.Paid ??= r.Amount(c.Paid, m.ClaimPaid);
            draft.Resp ??= r.Amount(c.Resp, m.PatientResponsibility);
            draft.Filing ??= r.Cell(c.Filing);
            draft.Frequency ??= r.Cell(c.Freq);
            draft.Last ??= r.Cell(c.Last);
            draft.First ??= r.Cell(c.First);
            draft.Member ??= r.Cell(c.Member);
            draft.Npi ??= r.Cell(c.Npi);
            draft.Start ??= r.Date(c.Start, m.ServiceDateStart);
            draft.End ??= r.Date(c.End, m.ServiceDateEnd);
            draft.Received ??= r.Date(c.Received, m.ReceivedDate);
        }

        /// <summary>The row's adjustment (group, reason, amount), or a warning when only half of one is given.</summary>
        private List<Adjustment> Adjustments(RowCells r, AdjustmentLevel level, X12Position position)
        {
            var adjustments = new List<Adjustment>();
            var amount = r.Amount(_c.Amount, m.AdjustmentAmount);
            var (group, reason) = AdjustmentCode(r.Cell(_c.Group), r.Cell(_c.Reason), r.Cell(_c.Code), m.DefaultAdjustmentGroup);
            if (reason is not null)
            {
                if (amount is { } a) adjustments.Add(new Adjustment(level, group!, reason, a, null, position));
                else r.Warn(m.AdjustmentAmount, "Adjustment reason without an amount", "CsvAdjustment");
            }
            else if (amount is not null) r.Warn(m.AdjustmentCode ?? m.AdjustmentReason, "Adjustment amount without a reason code", "CsvAdjustment");
            return adjustments;
        }

        /// <summary>Several rows for one line (one per adjustment): merged into the line already read, else a new line.</summary>
        private void AddToLine(ClaimDraft draft, RowCells r, string procedure, List<Adjustment> adjustments, string[] remarks, X12Position position)
        {
            var modifiers = Split(r.Cell(_c.Mods));
            var lineCharge = r.Amount(_c.LineCharge, m.LineCharge) ?? 0m;
            var linePaid = r.Amount(_c.LinePaid, m.LinePaid) ?? 0m;
            var dos = r.Date(_c.Dos, m.ServiceDate);
            var control = r.Cell(_c.LineCtl);
            var existing = draft.Lines.FindIndex(l => l.Procedure == procedure && l.ServiceDate == dos && l.LineControlNumber == control && l.Modifiers.SequenceEqual(modifiers));
            if (existing >= 0)
            {
                var l = draft.Lines[existing];
                draft.Lines[existing] = l with { Adjustments = [.. l.Adjustments, .. adjustments], Remarks = [.. l.Remarks, .. remarks.Except(l.Remarks)] };
                return;
            }
            var refs = new Dictionary<string, string>(StringComparer.Ordinal);
            if (control is not null) refs["6R"] = control;
            draft.Lines.Add(new ServiceLine("HC", procedure, modifiers, lineCharge, linePaid, null, r.Amount(_c.Units, m.Units), null, null, [],
                dos, null, control, refs, null, new Dictionary<string, decimal>(), adjustments, remarks, position));
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
