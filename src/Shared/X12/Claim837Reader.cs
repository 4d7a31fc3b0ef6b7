using System.Runtime.CompilerServices;

namespace DenialPipeline.X12;

/// <summary>
/// Reads X12 837P and 837I claims (5010 and 4010) over the same streaming tokenizer as the 835 reader.
/// Never throws for bad content: problems become <see cref="X12Issue"/>s (on the claim they occur in, and in the
/// event stream); only I/O failures and cancellation surface as exceptions.
/// </summary>
public static class Claim837Reader
{
    /// <summary>Streams the claims in file order. Issues raised inside a claim are on <see cref="SubmittedClaim837.Issues"/>;
    /// use <see cref="ReadEventsAsync"/> to see issues outside any claim too.</summary>
    public static async IAsyncEnumerable<SubmittedClaim837> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadEventsAsync(stream, cancellationToken).ConfigureAwait(false))
            if (e is ClaimSubmitted c) yield return c.Claim;
    }

    public static async IAsyncEnumerable<Claim837Event> ReadEventsAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var tokenizer = new X12Tokenizer(stream);
        var parser = new Claim837Parser();
        var pending = parser.Pending;
        while (await tokenizer.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            parser.Handle(tokenizer);
            if (pending.Count == 0) continue;
            for (var i = 0; i < pending.Count; i++) yield return pending[i];
            pending.Clear();
        }
        parser.Finish(tokenizer);
        for (var i = 0; i < pending.Count; i++) yield return pending[i];
        pending.Clear();
    }

    public static IEnumerable<Claim837Event> ReadEvents(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Iterate(stream);

        static IEnumerable<Claim837Event> Iterate(Stream stream)
        {
            using var tokenizer = new X12Tokenizer(stream);
            var parser = new Claim837Parser();
            var pending = parser.Pending;
            while (tokenizer.Read())
            {
                parser.Handle(tokenizer);
                if (pending.Count == 0) continue;
                for (var i = 0; i < pending.Count; i++) yield return pending[i];
                pending.Clear();
            }
            parser.Finish(tokenizer);
            for (var i = 0; i < pending.Count; i++) yield return pending[i];
            pending.Clear();
        }
    }

    public static Claim837File Read(Stream stream)
    {
        var claims = new List<SubmittedClaim837>();
        var issues = new List<X12Issue>();
        foreach (var e in ReadEvents(stream))
        {
            if (e is ClaimSubmitted c) claims.Add(c.Claim);
            else if (e is Claim837IssueFound i) issues.Add(i.Issue);
        }
        return new Claim837File(claims, issues);
    }
}

internal sealed class Claim837Parser
{
    public List<Claim837Event> Pending { get; } = [];

    private X12Position _current;
    private bool _inInterchange, _inTx, _skipTx, _outsideReported;
    private long _txSegments;
    private string _stControl = "";
    private string? _gsControl;
    private DateOnly? _gsDate, _bhtDate;
    private string? _version, _gsVersion;

    // Hierarchy (loop 2000A/B/C) context.
    private enum Level { None, Billing, Subscriber, Patient }
    private Level _level;
    private PersonName? _billing, _subscriber, _patient;
    private string? _billingNpi, _billingTaxonomy, _memberId, _payerName, _payerId, _billingEntity, _responsibility;
    private DateOnly? _subscriberDob, _patientDob;
    private enum Nm1Context { None, Billing, Subscriber, Patient, Payer, Rendering, OtherSubscriber, LineRendering, Other }
    private Nm1Context _lastNm1;

    private ClaimBuilder? _claim;

    public void Handle(X12Tokenizer tk)
    {
        _current = tk.Position;
        try
        {
            Segment(tk);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Issue(X12IssueSeverity.Error, X12IssueCodes.Internal, $"Segment could not be read ({ex.GetType().Name})");
        }
        while (tk.Issues.Count > 0)
        {
            var i = tk.Issues.Dequeue() with { TransactionControlNumber = _inTx ? _stControl : null };
            _claim?.Issues.Add(i);
            Pending.Add(new Claim837IssueFound(i));
        }
    }

    public void Finish(X12Tokenizer tk)
    {
        while (tk.Issues.Count > 0) Pending.Add(new Claim837IssueFound(tk.Issues.Dequeue()));
        _current = new X12Position(tk.SegmentIndex + 1, tk.BytesRead);
        if (_inTx)
        {
            Issue(X12IssueSeverity.Error, X12IssueCodes.Truncated, "File ends inside a transaction (no SE)");
            FinishClaim();
            _inTx = false;
        }
        if (_inInterchange) Issue(X12IssueSeverity.Error, X12IssueCodes.Truncated, "File ends inside an interchange (no IEA)");
        if (tk.SegmentIndex == 0) Issue(X12IssueSeverity.Error, X12IssueCodes.Empty, "No segments");
    }

    private static bool Is(ReadOnlySpan<byte> s, ReadOnlySpan<byte> v) => s.SequenceEqual(v);

    private void Segment(X12Tokenizer tk)
    {
        var seg = tk.Current;
        var id = seg.Id;
        if (id.Length is < 2 or > 3 || !char.IsAsciiLetterUpper((char)id[0]))
        {
            if (seg.Raw.IsEmpty) return;
            Issue(X12IssueSeverity.Error, X12IssueCodes.Garbage, "Unreadable segment skipped");
            if (_inTx) _txSegments++;
            return;
        }
        if (Is(id, "ISA"u8)) { CloseOpen("ISA"); _inInterchange = true; _outsideReported = false; return; }
        if (Is(id, "IEA"u8)) { CloseOpen("IEA"); _inInterchange = false; return; }
        if (Is(id, "GS"u8)) { CloseOpen("GS"); _gsVersion = seg.Str(8); _gsControl = seg.Str(6); _gsDate = X12Text.TryParseDate(seg[4], out var gsDate) ? gsDate : null; return; }
        if (Is(id, "GE"u8)) { CloseOpen("GE"); return; }
        if (Is(id, "ST"u8))
        {
            CloseOpen("ST");
            _inTx = true;
            _outsideReported = false;
            _txSegments = 1;
            _stControl = seg.Str(2) ?? "";
            _version = seg.Str(3) ?? _gsVersion;
            _skipTx = !Is(seg[1], "837"u8);
            _bhtDate = null;
            if (_skipTx) Issue(X12IssueSeverity.Warning, X12IssueCodes.Not837, "Transaction is not an 837; skipped");
            _level = Level.None;
            _billing = _subscriber = _patient = null;
            _billingNpi = _billingTaxonomy = _memberId = _payerName = _payerId = _billingEntity = _responsibility = null;
            _subscriberDob = _patientDob = null;
            return;
        }
        if (!_inTx)
        {
            if (!_outsideReported) { Issue(X12IssueSeverity.Error, X12IssueCodes.Outside, "Segment outside any ST…SE transaction skipped"); _outsideReported = true; }
            return;
        }
        _txSegments++;
        if (Is(id, "SE"u8))
        {
            FinishClaim();
            if (!_skipTx && seg.Str(1) is { } s1)
            {
                if (!long.TryParse(s1, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    Issue(X12IssueSeverity.Error, X12IssueCodes.Se01, "SE01 is not a number");
                else if (n != _txSegments)
                    Issue(X12IssueSeverity.Warning, X12IssueCodes.Se01, $"SE01 says {n} segments, the transaction has {_txSegments}");
            }
            _inTx = false;
            return;
        }
        if (_skipTx) return;

        // BHT04: the date the transaction was created, i.e. when the claims in it were sent.
        if (Is(id, "BHT"u8)) { _bhtDate = seg.Has(4) ? Date(seg, 4) : null; return; }

        if (Is(id, "HL"u8))
        {
            FinishClaim();
            var code = seg[3];
            if (Is(code, "20"u8)) { _level = Level.Billing; _billing = null; _billingNpi = _billingTaxonomy = _billingEntity = null; }
            else if (Is(code, "22"u8)) { _level = Level.Subscriber; _subscriber = _patient = null; _memberId = _payerName = _payerId = _responsibility = null; _subscriberDob = _patientDob = null; }
            else if (Is(code, "23"u8)) { _level = Level.Patient; _patient = null; _patientDob = null; }
            _lastNm1 = Nm1Context.None;
            return;
        }
        if (Is(id, "CLM"u8)) { FinishClaim(); StartClaim(seg, tk); return; }

        var c = _claim;
        if (Is(id, "NM1"u8)) { Nm1(seg, c); return; }
        if (Is(id, "DMG"u8))
        {
            var dob = Date(seg, 2);
            if (_lastNm1 == Nm1Context.Subscriber) _subscriberDob = dob;
            else if (_lastNm1 == Nm1Context.Patient) _patientDob = dob;
            return;
        }
        if (Is(id, "PRV"u8))
        {
            if (c is null && _level == Level.Billing) _billingTaxonomy = seg.Str(3);
            else if (c is not null && _lastNm1 == Nm1Context.Rendering) c.RenderingTaxonomy = seg.Str(3);
            return;
        }
        if (c is null)
        {
            if (Is(id, "SBR"u8) && _level == Level.Subscriber) _responsibility = seg.Str(1);
            return;
        }

        if (Is(id, "SBR"u8)) { c.InOtherSubscriber = true; c.OtherPayers++; return; }
        if (Is(id, "AMT"u8))
        {
            if (c.InOtherSubscriber && !c.InLine && Is(seg[1], "D"u8)) c.OtherPaidGiven = true;
            return;
        }
        if (Is(id, "LX"u8))
        {
            c.FinishLine();
            c.InOtherSubscriber = false;
            c.InLine = true;
            c.LineNumber = int.TryParse(seg.Str(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ln) ? ln : null;
            c.LinePosition = _current;
            return;
        }
        if (Is(id, "SV1"u8)) { Sv1(seg, tk, c); return; }
        if (Is(id, "SV2"u8)) { Sv2(seg, tk, c); return; }
        if (Is(id, "HI"u8) && !c.InLine)
        {
            for (var i = 1; i < seg.Count; i++)
                if (ConfirmComponent(tk, seg[i])) { seg = tk.Current; break; }
            var comp = seg.Separators.Component;
            for (var i = 1; i < seg.Count; i++)
            {
                if (!seg.Has(i)) continue;
                var q = seg.ComponentStr(i, 0);
                var code = seg.ComponentStr(i, 1);
                if (q is not null && code is null && seg[i].IndexOf(comp) < 0 && q.Length <= 3 && seg.Has(i + 1) && seg[i + 1].IndexOf(comp) < 0)
                {
                    // "HI*BK*8901": the composite split across two elements.
                    Issue(X12IssueSeverity.Warning, X12IssueCodes.Hi, $"HI{i:00}/HI{i + 1:00}: qualifier and code in separate elements; read as one composite");
                    c.Codes.Add(new HealthCareCode(q, seg.Str(i + 1)!));
                    i++;
                    continue;
                }
                if (q is null || code is null) { Issue(X12IssueSeverity.Warning, X12IssueCodes.Hi, $"HI{i:00} has no qualifier:code composite"); continue; }
                c.Codes.Add(new HealthCareCode(q, code));
            }
            return;
        }
        if (Is(id, "REF"u8))
        {
            var q = seg[1];
            if (c.InLine)
            {
                if (Is(q, "6R"u8)) c.LineControl ??= seg.Str(2);
            }
            else if (!c.InOtherSubscriber)
            {
                if (Is(q, "G1"u8)) c.PriorAuth ??= seg.Str(2);
                else if (Is(q, "9F"u8)) c.Referral ??= seg.Str(2);
                else if (Is(q, "F8"u8)) c.OriginalRef ??= seg.Str(2);
            }
            return;
        }
        if (Is(id, "DTP"u8))
        {
            var q = seg[1];
            if (c.InLine && Is(q, "472"u8)) Period(seg, out c.LineDate, out c.LineDateEnd);
            else if (!c.InLine && Is(q, "434"u8)) Period(seg, out c.StatementStart, out c.StatementEnd);
            else if (!c.InLine && Is(q, "472"u8)) Period(seg, out c.ClaimServiceDate, out c.ClaimServiceDateEnd);
            return;
        }
    }

    private void CloseOpen(string by)
    {
        if (!_inTx) return;
        Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, $"{by} inside a transaction: the transaction had no SE");
        FinishClaim();
        _inTx = false;
    }

    private void Nm1(X12Segment seg, ClaimBuilder? c)
    {
        var q = seg[1];
        if (c is null)
        {
            if (Is(q, "85"u8)) { _lastNm1 = Nm1Context.Billing; _billing = Remittance835Parser.Name(seg); _billingNpi = Is(seg[8], "XX"u8) ? seg.Str(9) : null; _billingEntity = seg.Str(2); }
            else if (Is(q, "IL"u8)) { _lastNm1 = Nm1Context.Subscriber; _subscriber = Remittance835Parser.Name(seg); _memberId = seg.Str(9); }
            else if (Is(q, "QC"u8)) { _lastNm1 = Nm1Context.Patient; _patient = Remittance835Parser.Name(seg); }
            else if (Is(q, "PR"u8)) { _lastNm1 = Nm1Context.Payer; _payerName = seg.Str(3); _payerId = seg.Str(9); }
            else _lastNm1 = Nm1Context.Other;
            return;
        }
        if (c.InLine)
        {
            if (Is(q, "82"u8)) { _lastNm1 = Nm1Context.LineRendering; if (Is(seg[8], "XX"u8)) c.LineRenderingNpi = seg.Str(9); }
            else _lastNm1 = Nm1Context.Other;
            return;
        }
        if (c.InOtherSubscriber) { _lastNm1 = Nm1Context.OtherSubscriber; return; }
        if (Is(q, "DN"u8)) { _lastNm1 = Nm1Context.Other; c.ReferringNpi = Is(seg[8], "XX"u8) ? seg.Str(9) : null; return; }
        if (Is(q, "82"u8))
        {
            _lastNm1 = Nm1Context.Rendering;
            c.Rendering = Remittance835Parser.Name(seg);
            c.RenderingNpi = Is(seg[8], "XX"u8) ? seg.Str(9) : null;
        }
        else _lastNm1 = Nm1Context.Other;
    }

    private void StartClaim(X12Segment seg, X12Tokenizer tk)
    {
        var c = new ClaimBuilder { Position = _current, Tx = _stControl, Version = _version };
        _claim = c;
        c.Id = seg.Str(1) ?? "";
        if (c.Id.Length == 0) Issue(X12IssueSeverity.Error, X12IssueCodes.Clm01, "CLM without claim id (CLM01)");
        c.Charge = Dec(seg, 2, "CLM02", required: true) ?? 0m;
        var clm05 = seg[5];
        if (ConfirmComponent(tk, clm05)) seg = tk.Current;
        c.Facility = seg.ComponentStr(5, 0);
        c.FacilityQualifier = seg.ComponentStr(5, 1);
        c.Frequency = seg.ComponentStr(5, 2);
        c.Kind = _version switch
        {
            { } v when v.Contains("X222", StringComparison.Ordinal) || v.Contains("X098", StringComparison.Ordinal) => ClaimKind837.Professional,
            { } v when v.Contains("X223", StringComparison.Ordinal) || v.Contains("X096", StringComparison.Ordinal) => ClaimKind837.Institutional,
            _ => ClaimKind837.Unknown,
        };
        _lastNm1 = Nm1Context.None;
    }

    private void Sv1(X12Segment seg, X12Tokenizer tk, ClaimBuilder c)
    {
        if (!c.InLine) { c.InLine = true; c.LinePosition = _current; }
        if (ConfirmComponent(tk, seg[1])) seg = tk.Current;
        c.FinishLine();
        c.InLine = true;
        c.HasLine = true;
        c.LinePosition = _current;
        c.ProcQualifier = seg.ComponentStr(1, 0);
        c.Proc = seg.ComponentStr(1, 1);
        c.Modifiers.Clear();
        for (var i = 2; i <= 5; i++) if (seg.ComponentStr(1, i) is { } m) c.Modifiers.Add(m);
        c.Revenue = null;
        c.LineCharge = Dec(seg, 2, "SV102", required: true) ?? 0m;
        c.UnitQualifier = seg.Str(3);
        c.Units = Dec(seg, 4, "SV104");
        c.Pos = seg.Str(5);
        c.Pointers.Clear();
        if (seg.Has(7))
            for (var i = 0; i < 4; i++)
                if (seg.ComponentStr(7, i) is { } ptr && int.TryParse(ptr, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
                    c.Pointers.Add(n);
        if (c.Kind == ClaimKind837.Unknown) c.Kind = ClaimKind837.Professional;
    }

    private void Sv2(X12Segment seg, X12Tokenizer tk, ClaimBuilder c)
    {
        if (ConfirmComponent(tk, seg[2])) seg = tk.Current;
        c.FinishLine();
        c.InLine = true;
        c.HasLine = true;
        c.LinePosition = _current;
        c.Revenue = seg.Str(1);
        c.ProcQualifier = seg.ComponentStr(2, 0);
        c.Proc = seg.ComponentStr(2, 1);
        c.Modifiers.Clear();
        for (var i = 2; i <= 5; i++) if (seg.ComponentStr(2, i) is { } m) c.Modifiers.Add(m);
        c.LineCharge = Dec(seg, 3, "SV203", required: true) ?? 0m;
        c.UnitQualifier = seg.Str(4);
        c.Units = Dec(seg, 5, "SV205");
        c.Pos = null;
        c.Pointers.Clear();
        if (c.Kind == ClaimKind837.Unknown) c.Kind = ClaimKind837.Institutional;
    }

    private static bool ConfirmComponent(X12Tokenizer tk, ReadOnlySpan<byte> composite) => tk.SniffComponentSeparator(composite);

    private void FinishClaim()
    {
        var c = _claim;
        if (c is null) return;
        _claim = null;
        c.FinishLine();
        var sum = 0m;
        foreach (var l in c.Lines) sum += l.Charge;
        if (c.Lines.Count > 0 && sum != c.Charge)
        {
            var issue = new X12Issue(X12IssueSeverity.Warning, X12IssueCodes.ChargeX837, "CLM02 differs from the sum of line charges", c.Position, _stControl, c.Id)
            {
                Expected = c.Charge,
                Actual = sum,
            };
            c.Issues.Add(issue);
            Pending.Add(new Claim837IssueFound(issue));
        }
        var patient = _patient ?? _subscriber;
        Pending.Add(new ClaimSubmitted(new SubmittedClaim837(
            c.Id, c.Charge, c.Facility, c.FacilityQualifier, c.Frequency, c.Kind, c.Tx, c.Version,
            _subscriber, _subscriberDob, _memberId,
            patient, _patient is null ? _subscriberDob : _patientDob,
            _payerName, _payerId,
            _billing, _billingNpi, _billingTaxonomy,
            c.Rendering, c.RenderingNpi, c.RenderingTaxonomy,
            c.Codes.ToArray(), c.PriorAuth, c.Referral, c.OriginalRef,
            c.StatementStart ?? c.ClaimServiceDate, c.StatementEnd ?? c.ClaimServiceDateEnd,
            c.Lines.ToArray(), c.Issues.ToArray(), c.Position)
        {
            GroupControlNumber = _gsControl, SubmissionDate = _bhtDate ?? _gsDate,
            PayerResponsibility = _responsibility, OtherPayerCount = c.OtherPayers, OtherPayerPaidAmountGiven = c.OtherPaidGiven,
            ReferringProviderNpi = c.ReferringNpi, BillingProviderEntityType = _billingEntity,
        }));
    }

    private void Period(X12Segment seg, out DateOnly? start, out DateOnly? end)
    {
        start = end = null;
        var format = seg[2];
        var value = seg[3];
        if (Is(format, "RD8"u8) || value.IndexOf((byte)'-') > 0)
        {
            var dash = value.IndexOf((byte)'-');
            if (dash > 0 && X12Text.TryParseDate(value[..dash], out var a) && X12Text.TryParseDate(value[(dash + 1)..], out var b)) { start = a; end = b; return; }
        }
        else if (X12Text.TryParseDate(value, out var d)) { start = d; return; }
        if (!value.IsEmpty) Issue(X12IssueSeverity.Warning, X12IssueCodes.Date, "DTP03 is not a D8/RD8 date");
    }

    private DateOnly? Date(X12Segment seg, int i)
    {
        var s = seg[i];
        if (s.IsEmpty) return null;
        if (X12Text.TryParseDate(s, out var d)) return d;
        Issue(X12IssueSeverity.Warning, X12IssueCodes.Date, $"Element {i} is not a CCYYMMDD date");
        return null;
    }

    private decimal? Dec(X12Segment seg, int i, string name, bool required = false)
    {
        var s = seg[i];
        if (s.IsEmpty)
        {
            if (required) Issue(X12IssueSeverity.Error, X12IssueCodes.Missing, $"{name} is required but empty");
            return null;
        }
        if (X12Text.TryParseDecimal(s, out var v)) return v;
        Issue(X12IssueSeverity.Error, X12IssueCodes.Number, $"{name} is not a number");
        return null;
    }

    private void Issue(X12IssueSeverity severity, string code, string message)
    {
        var issue = new X12Issue(severity, code, message, _current, _inTx ? _stControl : null, _claim?.Id);
        _claim?.Issues.Add(issue);
        Pending.Add(new Claim837IssueFound(issue));
    }

    private sealed class ClaimBuilder
    {
        public X12Position Position, LinePosition;
        public string Id = "";
        public string? Tx, Version, Facility, FacilityQualifier, Frequency, RenderingNpi, RenderingTaxonomy, PriorAuth, Referral, OriginalRef, ReferringNpi;
        public int OtherPayers;
        public bool OtherPaidGiven;
        public readonly List<int> Pointers = [];
        public decimal Charge;
        public ClaimKind837 Kind;
        public PersonName? Rendering;
        public DateOnly? StatementStart, StatementEnd, ClaimServiceDate, ClaimServiceDateEnd;
        public readonly List<HealthCareCode> Codes = [];
        public readonly List<SubmittedLine837> Lines = [];
        public readonly List<X12Issue> Issues = [];
        public bool InOtherSubscriber, InLine, HasLine;

        public int? LineNumber;
        public string? ProcQualifier, Proc, Revenue, UnitQualifier, Pos, LineControl, LineRenderingNpi;
        public readonly List<string> Modifiers = [];
        public decimal LineCharge;
        public decimal? Units;
        public DateOnly? LineDate, LineDateEnd;

        public void FinishLine()
        {
            if (!HasLine) return;
            HasLine = false;
            Lines.Add(new SubmittedLine837(LineNumber, ProcQualifier, Proc, Modifiers.ToArray(), Revenue, LineCharge, UnitQualifier, Units, Pos,
                LineDate ?? ClaimServiceDate, LineDate is null ? ClaimServiceDateEnd : LineDateEnd, LineControl, LineRenderingNpi, LinePosition)
            { DiagnosisPointers = Pointers.ToArray() });
            LineControl = LineRenderingNpi = null;
            LineDate = LineDateEnd = null;
        }
    }
}
