namespace DenialPipeline.X12;

/// <summary>The 835 state machine: fed one segment at a time, it appends events to <see cref="Pending"/>.</summary>
internal sealed class Remittance835Parser
{
    public List<RemittanceEvent> Pending { get; } = [];

    // Envelope
    private string? _isaControl, _gsControl, _gsVersion, _isaSender, _gsSender;
    private bool _inInterchange;

    // Transaction
    private bool _inTx, _skipTx, _headerDone, _outsideReported;
    private long _txSegments;
    private string _stControl = "";
    private string? _stVersion;
    private X12Position _txPosition;
    private HeaderBuilder _h = new();
    private RemittanceTransaction? _tx;
    private readonly List<ProviderAdjustment> _plbs = [];
    private int _claimCount;
    private decimal _sumPaid, _sumPlb;
    private ClaimBuilder? _claim;
    private readonly ClaimBuilder _claimBuilder = new();
    private X12Position _current;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Handle(X12Tokenizer tk)
    {
        _current = tk.Position;
        try
        {
            Segment(tk);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reader bug must not stop the pipeline; tests assert this never happens.
            Issue(X12IssueSeverity.Error, X12IssueCodes.Internal, $"Segment could not be read ({ex.GetType().Name})");
        }
        // The tokenizer's own issues (a component separator that contradicts ISA16, an over-long segment) are placed in
        // the transaction and the claim open when they were found.
        while (tk.Issues.Count > 0)
        {
            var issue = tk.Issues.Dequeue();
            Pending.Add(new IssueFound(issue with { TransactionControlNumber = _inTx ? _stControl : null, PatientControlNumber = issue.PatientControlNumber ?? _claim?.Pcn }));
        }
    }

    public void Finish(X12Tokenizer tk)
    {
        while (tk.Issues.Count > 0) Pending.Add(new IssueFound(tk.Issues.Dequeue()));
        _current = new X12Position(tk.SegmentIndex + 1, tk.BytesRead);
        if (_inTx)
        {
            Issue(X12IssueSeverity.Error, X12IssueCodes.Truncated, "File ends inside a transaction (no SE)");
            CloseTransaction();
        }
        if (_inInterchange)
            Issue(X12IssueSeverity.Error, X12IssueCodes.Truncated, "File ends inside an interchange (no IEA)");
        if (tk.SegmentIndex == 0)
            Issue(X12IssueSeverity.Error, X12IssueCodes.Empty, "No segments");
    }

    /// <summary>The segment id as a number ('C' &lt;&lt; 16 | 'L' &lt;&lt; 8 | 'P'), or -1 when it is not 2-3 upper-case letters or digits starting with a letter.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Code(ReadOnlySpan<byte> id)
    {
        int code;
        if (id.Length == 3)
        {
            if (!IdChar(id[2])) return -1;
            code = id[2];
        }
        else if (id.Length == 2) code = 0;
        else return -1;
        if ((uint)(id[0] - 'A') > 25 || !IdChar(id[1])) return -1;
        return (id[0] << 16) | (id[1] << 8) | code;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IdChar(byte b) => (uint)(b - 'A') <= 25 || (uint)(b - '0') <= 9;

    private const int ISA = ('I' << 16) | ('S' << 8) | 'A', IEA = ('I' << 16) | ('E' << 8) | 'A', GS = ('G' << 16) | ('S' << 8), GE = ('G' << 16) | ('E' << 8),
        ST = ('S' << 16) | ('T' << 8), SE = ('S' << 16) | ('E' << 8), BPR = ('B' << 16) | ('P' << 8) | 'R', TRN = ('T' << 16) | ('R' << 8) | 'N',
        DTM = ('D' << 16) | ('T' << 8) | 'M', N1 = ('N' << 16) | ('1' << 8), N3 = ('N' << 16) | ('3' << 8), N4 = ('N' << 16) | ('4' << 8),
        REF = ('R' << 16) | ('E' << 8) | 'F', PER = ('P' << 16) | ('E' << 8) | 'R', LX = ('L' << 16) | ('X' << 8), CLP = ('C' << 16) | ('L' << 8) | 'P',
        CAS = ('C' << 16) | ('A' << 8) | 'S', NM1 = ('N' << 16) | ('M' << 8) | '1', MIA = ('M' << 16) | ('I' << 8) | 'A', MOA = ('M' << 16) | ('O' << 8) | 'A',
        AMT = ('A' << 16) | ('M' << 8) | 'T', SVC = ('S' << 16) | ('V' << 8) | 'C', LQ = ('L' << 16) | ('Q' << 8), PLB = ('P' << 16) | ('L' << 8) | 'B';

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Segment(X12Tokenizer tk)
    {
        var seg = tk.Current;
        var code = Code(seg.Id);
        if (code < 0)
        {
            if (seg.Raw.IsEmpty) return; // an empty segment ("~~") is harmless
            Issue(X12IssueSeverity.Error, X12IssueCodes.Garbage, "Unreadable segment skipped");
            if (_inTx) _txSegments++;
            return;
        }
        // Fast path: the segments of a claim (a claim is open only inside an 835 transaction past its header).
        if (_claim is { } open)
        {
            _txSegments++;
            if (ClaimSegment(code, seg, open, tk)) return;
            _txSegments--;
        }
        switch (code)
        {
            case ISA:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "ISA inside a transaction: the transaction had no SE"); CloseTransaction(); }
                if (_inInterchange) Issue(X12IssueSeverity.Warning, X12IssueCodes.NoIea, "ISA before the previous interchange's IEA");
                _isaControl = seg.Str(13);
                _isaSender = seg.Str(6)?.Trim();
                _inInterchange = true;
                _gsControl = null; _gsVersion = null; _gsSender = null;
                _outsideReported = false;
                return;
            case IEA:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "IEA inside a transaction: the transaction had no SE"); CloseTransaction(); }
                if (!_inInterchange) Issue(X12IssueSeverity.Warning, X12IssueCodes.Iea, "IEA without ISA");
                else if (seg.Str(2) is { } iea02 && _isaControl is not null && iea02.TrimStart('0') != _isaControl.TrimStart('0')) Issue(X12IssueSeverity.Warning, X12IssueCodes.Iea02, "IEA02 differs from ISA13");
                _inInterchange = false;
                return;
            case GS:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "GS inside a transaction: the transaction had no SE"); CloseTransaction(); }
                _gsControl = seg.Str(6);
                _gsSender = seg.Str(2)?.Trim();
                _gsVersion = seg.Str(8);
                return;
            case GE:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "GE inside a transaction: the transaction had no SE"); CloseTransaction(); }
                return;
            case ST:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "ST inside a transaction: the previous transaction had no SE"); CloseTransaction(); }
                StartTransaction(seg);
                return;
        }

        if (!_inTx)
        {
            if (!_outsideReported)
            {
                Issue(X12IssueSeverity.Error, X12IssueCodes.Outside, "Segment outside any ST…SE transaction skipped");
                _outsideReported = true;
            }
            return;
        }
        _txSegments++;
        if (code == SE) { EndTransaction(seg); return; }
        if (_skipTx) return;

        if (!_headerDone)
        {
            switch (code)
            {
                case BPR: Bpr(seg); return;
                case TRN: _h.Trace ??= seg.Str(2); _h.OriginatingCompany ??= seg.Str(3); return;
                case DTM: if (seg[1].SequenceEqual("405"u8)) _h.ProductionDate = Date(seg, 2); return;
                case N1: HeaderN1(seg); return;
                case N3: _h.Line1 = seg.Str(1); _h.Line2 = seg.Str(2); _h.SnapAddress(); return;
                case N4: _h.City = seg.Str(1); _h.State = seg.Str(2); _h.Postal = seg.Str(3); _h.SnapAddress(); return;
                case REF: HeaderRef(seg); return;
                case PER: if (_h.Loop == HeaderLoop.Payer) _h.Contacts.Add(Per(seg)); return;
                case LX: case CLP: case PLB: StartDetail(); break;
                default: return; // CUR, RDM, … are not modelled
            }
        }

        switch (code)
        {
            case LX: FinishClaim(); return;
            case CLP: FinishClaim(); StartClaim(seg); return;
            case PLB:
                FinishClaim();
                for (var i = 3; i <= 13; i += 2) if (ConfirmComponent(tk, seg[i])) { seg = tk.Current; break; }
                Plb(seg);
                return;
        }
        if (_claim is { } c) ClaimSegment(code, seg, c, tk); // else TS3/TS2 and others between LX and CLP
    }

    /// <summary>A segment inside a claim (CAS, SVC, DTM, REF, AMT, LQ, NM1, MIA, MOA); false for any other.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private bool ClaimSegment(int code, in X12Segment seg, ClaimBuilder c, X12Tokenizer tk)
    {
        switch (code)
        {
            case CAS: Cas(seg, c.InLine ? AdjustmentLevel.Line : AdjustmentLevel.Claim, c.InLine ? c.LineAdjustments : c.Adjustments); return true;
            case DTM:
                if (c.InLine)
                {
                    var q = seg[1];
                    if (q.SequenceEqual("472"u8) || q.SequenceEqual("150"u8)) c.LineDate = Date(seg, 2);
                    else if (q.SequenceEqual("151"u8)) c.LineDateEnd = Date(seg, 2);
                }
                else
                {
                    var q = seg[1];
                    if (q.SequenceEqual("232"u8)) c.Start = Date(seg, 2);
                    else if (q.SequenceEqual("233"u8)) c.End = Date(seg, 2);
                    else if (q.SequenceEqual("050"u8)) c.Received = Date(seg, 2);
                }
                return true;
            case SVC: c.FinishLine(); Svc(seg, tk, c); return true;
            case REF:
                if (seg.Str(1) is { } rq && seg.Text(2) is { } rv)
                {
                    if (c.InLine) { c.LineRefs.Add(rq, rv); if (rq == "6R") c.LineControl ??= rv; }
                    else c.Refs.Add(rq, rv);
                }
                return true;
            case AMT:
                if (seg.Str(1) is { } aq && Dec(seg, 2, "AMT02") is { } av)
                {
                    if (c.InLine) { c.LineAmounts.Add(aq, av); if (aq == "B6") c.LineAllowed ??= av; }
                    else c.Amounts.Add(aq, av);
                }
                return true;
            case NM1: if (!c.InLine) ClaimNm1(seg, c); return true;
            case LQ:
                if (c.InLine && seg[1].SequenceEqual("HE"u8) && seg.Str(2) is { } rc) c.LineRemarks.Add(rc);
                return true;
            case MIA: if (!c.InLine) { AddRemark(c, seg, 5); for (var i = 20; i <= 23; i++) AddRemark(c, seg, i); } return true;
            case MOA: if (!c.InLine) for (var i = 3; i <= 7; i++) AddRemark(c, seg, i); return true;
            default: return false;
        }
    }

    private static void AddRemark(ClaimBuilder c, in X12Segment seg, int i)
    {
        if (seg.Str(i) is { } r) c.Remarks.Add(r);
    }

    // ---------------------------------------------------------------- transaction

    private void StartTransaction(in X12Segment seg)
    {
        _inTx = true;
        _outsideReported = false;
        _txSegments = 1;
        _stControl = seg.Str(2) ?? "";
        _stVersion = seg.Str(3);
        _txPosition = _current;
        _headerDone = false;
        _h = new HeaderBuilder();
        _tx = null;
        _plbs.Clear();
        _claimCount = 0;
        _sumPaid = 0; _sumPlb = 0;
        _claim = null;
        _skipTx = !seg[1].SequenceEqual("835"u8);
        if (_skipTx) Issue(X12IssueSeverity.Warning, X12IssueCodes.Not835, "Transaction is not an 835; skipped");
        if (_stControl.Length == 0) Issue(X12IssueSeverity.Error, X12IssueCodes.St02, "ST without control number");
    }

    private void StartDetail()
    {
        if (_headerDone) return;
        _headerDone = true;
        var h = _h;
        if (!h.HasBpr) Issue(X12IssueSeverity.Error, X12IssueCodes.NoBpr, "Transaction has no BPR");
        _tx = new RemittanceTransaction(
            InterchangeControlNumber: _isaControl,
            GroupControlNumber: _gsControl,
            ControlNumber: _stControl,
            Version: _stVersion ?? _gsVersion,
            TransactionHandlingCode: h.Handling,
            PaymentAmount: h.Amount,
            CreditDebitFlag: h.CreditDebit,
            PaymentMethod: h.Method,
            PaymentDate: h.PaymentDate,
            TraceNumber: h.Trace,
            OriginatingCompanyId: h.OriginatingCompany,
            ProductionDate: h.ProductionDate,
            Payer: new PayerInfo(h.PayerName, h.PayerRefId ?? h.PayerN1Id, h.PayerAddress, h.Contacts.ToArray()),
            Payee: new PayeeInfo(h.PayeeName, h.PayeeQualifier, h.PayeeId, h.PayeeTaxId, h.PayeeAddress),
            Position: _txPosition)
        {
            PayerN1Id = h.PayerN1Id,
            InterchangeSender = _isaSender,
            GroupSender = _gsSender,
        };
        Pending.Add(new TransactionStarted(_tx));
    }

    private void EndTransaction(in X12Segment seg)
    {
        if (!_skipTx) { StartDetail(); FinishClaim(); }
        if (!_skipTx && seg.Str(1) is { } s1)
        {
            if (!long.TryParse(s1, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var declared))
                Issue(X12IssueSeverity.Error, X12IssueCodes.Se01, "SE01 is not a number");
            else if (declared != _txSegments)
                Issue(X12IssueSeverity.Warning, X12IssueCodes.Se01, $"SE01 says {declared} segments, the transaction has {_txSegments}");
        }
        if (!_skipTx && seg.Str(2) is { } s2 && s2 != _stControl)
            Issue(X12IssueSeverity.Warning, X12IssueCodes.Se02, "SE02 differs from ST02");
        CloseTransaction();
    }

    private void CloseTransaction()
    {
        if (!_skipTx)
        {
            StartDetail();
            FinishClaim();
            var expected = _sumPaid - _sumPlb;
            if (_h.HasBpr && expected != _tx!.PaymentAmount)
                Pending.Add(new IssueFound(new X12Issue(X12IssueSeverity.Warning, X12IssueCodes.TxBalance, "BPR02 differs from Σ CLP04 − Σ PLB",
                    _current, _stControl) { Expected = _tx.PaymentAmount, Actual = expected }));
            Pending.Add(new TransactionEnded(_tx!, _plbs.ToArray(), _claimCount));
        }
        _inTx = false;
        _skipTx = false;
        _claim = null;
    }

    private void Bpr(in X12Segment seg)
    {
        var h = _h;
        h.HasBpr = true;
        h.Handling = seg.Str(1);
        h.Amount = Dec(seg, 2, "BPR02", required: true) ?? 0m;
        h.CreditDebit = seg.Str(3);
        h.Method = seg.Str(4);
        h.PaymentDate = Date(seg, 16);
        h.OriginatingCompany ??= seg.Str(10);
    }

    private void HeaderN1(in X12Segment seg)
    {
        var h = _h;
        h.Line1 = h.Line2 = h.City = h.State = h.Postal = null;
        var q = seg[1];
        if (q.SequenceEqual("PR"u8))
        {
            h.Loop = HeaderLoop.Payer;
            h.PayerName = seg.Str(2);
            h.PayerN1Id = seg.Str(4);
        }
        else if (q.SequenceEqual("PE"u8))
        {
            h.Loop = HeaderLoop.Payee;
            h.PayeeName = seg.Str(2);
            h.PayeeQualifier = seg.Str(3);
            h.PayeeId = seg.Str(4);
            if (h.PayeeQualifier == "FI") h.PayeeTaxId ??= h.PayeeId;
        }
        else h.Loop = HeaderLoop.Other;
    }

    private void HeaderRef(in X12Segment seg)
    {
        var h = _h;
        if (h.Loop == HeaderLoop.Payer && seg[1].SequenceEqual("2U"u8)) h.PayerRefId ??= seg.Str(2);
        else if (h.Loop == HeaderLoop.Payee && seg[1].SequenceEqual("TJ"u8)) h.PayeeTaxId = seg.Str(2);
    }

    private Contact Per(in X12Segment seg)
    {
        var numbers = new List<(string, string)>(3);
        for (var i = 3; i + 1 <= 8; i += 2)
            if (seg.Str(i) is { } q && seg.Str(i + 1) is { } n) numbers.Add((q, n));
        return new Contact(seg.Str(1) ?? "", seg.Str(2), numbers.ToArray());
    }

    // ---------------------------------------------------------------- claims

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void StartClaim(in X12Segment seg)
    {
        var c = _claimBuilder;
        c.Reset(_current);
        _claim = c;
        c.Pcn = seg.Text(1) ?? "";
        if (c.Pcn.Length == 0) Issue(X12IssueSeverity.Error, X12IssueCodes.Clp01, "CLP without patient control number (CLP01)");
        c.Status = seg.Str(2) ?? "";
        if (c.Status.Length == 0) Issue(X12IssueSeverity.Error, X12IssueCodes.Clp02, "CLP without claim status (CLP02)", c.Pcn);
        c.Charge = Dec(seg, 3, "CLP03", required: true, pcn: c.Pcn) ?? 0m;
        c.Paid = Dec(seg, 4, "CLP04", required: true, pcn: c.Pcn) ?? 0m;
        c.PatientResp = Dec(seg, 5, "CLP05", pcn: c.Pcn);
        c.Filing = seg.Str(6);
        c.Icn = seg.Text(7);
        c.Facility = seg.Str(8);
        c.Frequency = seg.Str(9);
        c.PatientStatus = seg.Str(10);
        c.Drg = seg.Str(11);
        c.DrgWeight = Dec(seg, 12, "CLP12", pcn: c.Pcn);
        c.DischargeFraction = Dec(seg, 13, "CLP13", pcn: c.Pcn);
        c.YesNo = seg.Str(14);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void FinishClaim()
    {
        var c = _claim;
        if (c is null) return;
        _claim = null;
        c.FinishLine();
        var sumCas = 0m;
        foreach (var a in c.Adjustments) sumCas += a.Amount;
        foreach (var l in c.Lines)
        {
            var adjustments = l.Adjustments;
            for (var i = 0; i < adjustments.Count; i++) sumCas += adjustments[i].Amount;
        }
        if (c.Charge - c.Paid != sumCas)
            Pending.Add(new IssueFound(new X12Issue(X12IssueSeverity.Warning, X12IssueCodes.ClaimBalance, "CLP03 − CLP04 differs from the sum of claim and line CAS amounts",
                c.Position, _stControl, c.Pcn) { Expected = c.Charge - c.Paid, Actual = sumCas }));
        var claim = c.Build();
        _claimCount++;
        _sumPaid += claim.Paid;
        Pending.Add(new ClaimRead(_tx!, claim));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ClaimNm1(in X12Segment seg, ClaimBuilder c)
    {
        var q = seg[1];
        if (q.SequenceEqual("QC"u8)) c.Patient = Name(seg);
        else if (q.SequenceEqual("IL"u8)) c.Insured = Name(seg);
        else if (q.SequenceEqual("74"u8)) c.Corrected = Name(seg);
        else if (q.SequenceEqual("82"u8)) c.Rendering = Name(seg);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static PersonName Name(in X12Segment seg) => new(seg.Str(1), seg.Text(3), seg.Text(4), seg.Str(5), seg.Str(7), seg.Str(8), seg.Text(9));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Svc(X12Segment seg, X12Tokenizer tk, ClaimBuilder c)
    {
        var composite = seg[1];
        if (ConfirmComponent(tk, composite)) seg = tk.Current;
        if (ConfirmComponent(tk, seg[6])) seg = tk.Current;
        c.InLine = true;
        c.LinePosition = _current;
        var comp = seg.Separators.Component;
        var strings = tk.Strings;
        // Each composite is split once (not searched again for every component).
        Span<Range> parts = stackalloc Range[7];
        var e1 = seg[1];
        var n = SplitComposite(e1, comp, parts);
        c.ProcQualifier = n > 0 ? X12Text.ToStr(e1[parts[0]], strings) : null;
        c.Proc = (n > 1 ? X12Text.ToStr(e1[parts[1]], strings) : null) ?? "";
        if (c.Proc.Length == 0)
        {
            // "SVC*HC*…" without a code, or a revenue-code-only line (SVC01 empty, SVC04 revenue code).
            if (c.ProcQualifier is { Length: > 2 } && !composite.Contains(comp)) { c.Proc = c.ProcQualifier; c.ProcQualifier = null; }
            else if (c.ProcQualifier is not null) Issue(X12IssueSeverity.Error, X12IssueCodes.Svc01, "SVC01 has a code qualifier but no procedure code", c.Pcn);
            else if (seg.Str(4) is null) Issue(X12IssueSeverity.Error, X12IssueCodes.Svc01, "SVC without procedure code", c.Pcn);
        }
        c.Modifiers.Clear();
        for (var i = 2; i <= 5 && i < n; i++) if (X12Text.ToStr(e1[parts[i]], strings) is { } m) c.Modifiers.Add(m);
        c.Description = n > 6 ? X12Text.ToStr(e1[parts[6]], null) : null;
        c.LineCharge = Dec(seg, 2, "SVC02", required: true, pcn: c.Pcn) ?? 0m;
        c.LinePaid = Dec(seg, 3, "SVC03", required: true, pcn: c.Pcn) ?? 0m;
        c.Revenue = seg.Str(4);
        c.Units = Dec(seg, 5, "SVC05", pcn: c.Pcn);
        c.OrigModifiers.Clear();
        var e6 = seg[6];
        if (e6.IsEmpty)
        {
            c.OrigQualifier = null;
            c.OrigProc = null;
        }
        else
        {
            n = SplitComposite(e6, comp, parts[..6]);
            c.OrigQualifier = n > 0 ? X12Text.ToStr(e6[parts[0]], strings) : null;
            c.OrigProc = n > 1 ? X12Text.ToStr(e6[parts[1]], strings) : null;
            for (var i = 2; i <= 5 && i < n; i++) if (X12Text.ToStr(e6[parts[i]], strings) is { } m) c.OrigModifiers.Add(m);
        }
        c.OrigUnits = Dec(seg, 7, "SVC07", pcn: c.Pcn);
    }

    /// <summary>Splits a composite into at most parts.Length components (the rest is ignored); returns how many.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int SplitComposite(ReadOnlySpan<byte> element, byte separator, Span<Range> parts)
    {
        if (element.IsEmpty) return 0;
        var n = 0;
        var start = 0;
        for (var i = 0; i < element.Length; i++)
        {
            if (element[i] != separator) continue;
            parts[n++] = new Range(start, i);
            if (n == parts.Length) return n;
            start = i + 1;
        }
        parts[n++] = new Range(start, element.Length);
        return n;
    }

    /// <summary>Without an ISA the component separator is a guess, and some files contradict their ISA16: "HC>99213" settles it.</summary>
    private static bool ConfirmComponent(X12Tokenizer tk, ReadOnlySpan<byte> composite) => tk.SniffComponentSeparator(composite);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Cas(in X12Segment seg, AdjustmentLevel level, List<Adjustment> into)
    {
        var group = seg.Str(1);
        if (group is null) { Issue(X12IssueSeverity.Error, X12IssueCodes.Cas01, "CAS without group code", _claim?.Pcn); return; }
        var count = seg.Count;
        for (var i = 2; i <= 17 && i < count; i += 3)
        {
            var reason = seg.Str(i);
            if (reason is null)
            {
                if (seg.Has(i + 1)) CasReasonMissing(i);
                continue;
            }
            if (Dec(seg, i + 1, "CAS", required: true, pcn: _claim?.Pcn) is not { } amount) continue;
            var qty = Dec(seg, i + 2, "CAS", pcn: _claim?.Pcn);
            into.Add(new Adjustment(level, group, reason, amount, qty, _current));
        }
    }

    // Issues with formatted messages live out of line: a string-interpolation handler in a hot method makes every call zero it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void CasReasonMissing(int i) => Issue(X12IssueSeverity.Error, X12IssueCodes.Cas, $"CAS{i:00} reason missing for an amount", _claim?.Pcn);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void DateInvalid(int i, string? segmentId) => Issue(X12IssueSeverity.Warning, X12IssueCodes.Date, $"Element {i} of {segmentId} is not a CCYYMMDD date", _claim?.Pcn);

    private void Plb(X12Segment seg)
    {
        var provider = seg.Str(1);
        var period = Date(seg, 2);
        for (var i = 3; i + 1 <= 14; i += 2)
        {
            if (!seg.Has(i) && !seg.Has(i + 1)) continue;
            var reason = seg.ComponentStr(i, 0);
            if (reason is null) { Issue(X12IssueSeverity.Error, X12IssueCodes.Plb, $"PLB{i:00} reason missing"); continue; }
            var reference = seg.ComponentStr(i, 1);
            if (Dec(seg, i + 1, "PLB", required: true) is not { } amount) continue;
            _plbs.Add(new ProviderAdjustment(provider, period, reason, reference, amount, _current));
            _sumPlb += amount;
        }
    }

    // ---------------------------------------------------------------- values

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private decimal? Dec(in X12Segment seg, int i, string name, bool required = false, string? pcn = null)
    {
        var s = seg[i];
        if (s.IsEmpty) return required ? DecMissing(s, i, name, required, pcn) : null;
        if (X12Text.TryParseDecimal(s, out var v)) return v;
        return DecMissing(s, i, name, required, pcn);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private decimal? DecMissing(ReadOnlySpan<byte> s, int i, string name, bool required, string? pcn)
    {
        if (s.IsEmpty)
        {
            if (required) Issue(X12IssueSeverity.Error, X12IssueCodes.Missing, $"{ElementName(name, i)} is required but empty", pcn);
            return null;
        }
        Issue(X12IssueSeverity.Error, X12IssueCodes.Number, $"{ElementName(name, i)} is not a number", pcn);
        return null;
    }

    private static string ElementName(string name, int i) => name.Length == 3 ? name + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : name;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private DateOnly? Date(in X12Segment seg, int i)
    {
        var s = seg[i];
        if (s.IsEmpty) return null;
        if (X12Text.TryParseDate(s, out var d)) return d;
        DateInvalid(i, seg.Str(0));
        return null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Issue(X12IssueSeverity severity, string code, string message, string? pcn = null, X12Position? at = null) =>
        Pending.Add(new IssueFound(new X12Issue(severity, code, message, at ?? _current, _inTx ? _stControl : null, pcn ?? _claim?.Pcn)));

    // ---------------------------------------------------------------- builders

    private enum HeaderLoop { None, Payer, Payee, Other }

    private sealed class HeaderBuilder
    {
        public bool HasBpr;
        public string? Handling, CreditDebit, Method, Trace, OriginatingCompany;
        public decimal Amount;
        public DateOnly? PaymentDate, ProductionDate;
        public HeaderLoop Loop;
        public string? PayerName, PayerN1Id, PayerRefId, PayeeName, PayeeQualifier, PayeeId, PayeeTaxId;
        public string? Line1, Line2, City, State, Postal;
        public readonly List<Contact> Contacts = [];
        private Address? _payerAddress, _payeeAddress;

        public Address? PayerAddress => _payerAddress;
        public Address? PayeeAddress => _payeeAddress;

        // N3/N4 write into the loop's address as they arrive.
        public void SnapAddress()
        {
            if (Line1 is null && City is null) return;
            var a = new Address(Line1, Line2, City, State, Postal);
            if (Loop == HeaderLoop.Payer) _payerAddress = a; else if (Loop == HeaderLoop.Payee) _payeeAddress = a;
        }
    }

    private sealed class ClaimBuilder
    {
        public X12Position Position;
        public string Pcn = "", Status = "";
        public decimal Charge, Paid;
        public decimal? PatientResp, DrgWeight, DischargeFraction;
        public string? Filing, Icn, Facility, Frequency, PatientStatus, Drg, YesNo;
        public PersonName? Patient, Insured, Corrected, Rendering;
        public DateOnly? Start, End, Received;
        public X12Map<string> Refs = new();
        public X12Map<decimal> Amounts = new();
        public List<Adjustment> Adjustments = [];
        public List<string> Remarks = [];
        public List<ServiceLine> Lines = [];

        public bool InLine;
        public X12Position LinePosition;
        public string? ProcQualifier, Revenue, OrigQualifier, OrigProc, Description, LineControl;
        public string Proc = "";
        public readonly List<string> Modifiers = [], OrigModifiers = [];
        public decimal LineCharge, LinePaid;
        public decimal? Units, OrigUnits, LineAllowed;
        public DateOnly? LineDate, LineDateEnd;
        public X12Map<string> LineRefs = new();
        public X12Map<decimal> LineAmounts = new();
        public List<Adjustment> LineAdjustments = [];
        public List<string> LineRemarks = [];

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Reset(X12Position at)
        {
            Position = at;
            PatientResp = DrgWeight = DischargeFraction = null;
            Filing = Icn = Facility = Frequency = PatientStatus = Drg = YesNo = null;
            Patient = Insured = Corrected = Rendering = null;
            Start = End = Received = null;
            // Build() copies the lists; the maps are handed over, so only used ones are replaced.
            if (Refs.Count > 0) Refs = new();
            if (Amounts.Count > 0) Amounts = new();
            Adjustments.Clear(); Remarks.Clear(); Lines.Clear();
            InLine = false;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void FinishLine()
        {
            if (!InLine) return;
            InLine = false;
            Lines.Add(new ServiceLine(ProcQualifier, Proc, Modifiers.Count == 0 ? [] : Modifiers.ToArray(), LineCharge, LinePaid, Revenue, Units,
                OrigQualifier, OrigProc, OrigModifiers.Count == 0 ? [] : OrigModifiers.ToArray(), LineDate, LineDateEnd, LineControl,
                LineRefs.Count == 0 ? X12Map<string>.Empty : LineRefs, LineAllowed,
                LineAmounts.Count == 0 ? X12Map<decimal>.Empty : LineAmounts,
                LineAdjustments.Count == 0 ? [] : LineAdjustments.ToArray(),
                LineRemarks.Count == 0 ? [] : LineRemarks.ToArray(), LinePosition)
            { Description = Description, OriginalUnits = OrigUnits });
            if (LineRefs.Count > 0) LineRefs = new();
            if (LineAmounts.Count > 0) LineAmounts = new();
            LineAdjustments.Clear();
            LineRemarks.Clear();
            LineControl = null; LineAllowed = null; LineDate = null; LineDateEnd = null;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public ClaimPayment Build() => new(Pcn, Status, Charge, Paid, PatientResp, Filing, Icn, Facility, Frequency, Drg,
            Patient, Insured, Corrected, Rendering, Start, End, Received,
            Refs.Count == 0 ? X12Map<string>.Empty : Refs,
            Amounts.Count == 0 ? X12Map<decimal>.Empty : Amounts,
            Adjustments.Count == 0 ? [] : Adjustments.ToArray(),
            Remarks.Count == 0 ? [] : Remarks.ToArray(),
            Lines.Count == 0 ? [] : Lines.ToArray(), Position)
        {
            PatientStatusCode = PatientStatus,
            DrgWeight = DrgWeight,
            DischargeFraction = DischargeFraction,
            YesNoCondition = YesNo,
        };
    }
}
