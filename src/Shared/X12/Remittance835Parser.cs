namespace DenialPipeline.X12;

/// <summary>The 835 state machine: fed one segment at a time, it appends events to <see cref="Pending"/>.</summary>
internal sealed partial class Remittance835Parser
{
    // Claim-level names and references are not built (Remittance835ReadOptions.SkipNamesAndReferences).
    private readonly bool _skipNamesAndReferences;

    public Remittance835Parser(Remittance835ReadOptions? options = null) =>
        _skipNamesAndReferences = options?.SkipNamesAndReferences ?? false;

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
        if (Envelope(code, seg)) return;

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

        if (!_headerDone && Header(code, seg)) return;

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

    /// <summary>A segment of the transaction header (BPR … PER); false at LX, CLP or PLB, which start the detail.</summary>
    private bool Header(int code, in X12Segment seg)
    {
        switch (code)
        {
            case BPR: Bpr(seg); return true;
            case TRN: _h.Trace ??= seg.Str(2); _h.OriginatingCompany ??= seg.Str(3); return true;
            case DTM: if (seg[1].SequenceEqual("405"u8)) _h.ProductionDate = Date(seg, 2); return true;
            case N1: HeaderN1(seg); return true;
            case N3: _h.Line1 = seg.Str(1); _h.Line2 = seg.Str(2); _h.SnapAddress(); return true;
            case N4: _h.City = seg.Str(1); _h.State = seg.Str(2); _h.Postal = seg.Str(3); _h.SnapAddress(); return true;
            case REF: HeaderRef(seg); return true;
            case PER: if (_h.Loop == HeaderLoop.Payer) _h.Contacts.Add(Per(seg)); return true;
            case LX: case CLP: case PLB: StartDetail(); return false;
            default: return true; // CUR, RDM, … are not modelled
        }
    }

    /// <summary>ISA, IEA, GS, GE and ST (each closes a transaction left without SE); false for any other segment.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private bool Envelope(int code, in X12Segment seg)
    {
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
                return true;
            case IEA:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "IEA inside a transaction: the transaction had no SE"); CloseTransaction(); }
                if (!_inInterchange) Issue(X12IssueSeverity.Warning, X12IssueCodes.Iea, "IEA without ISA");
                else if (seg.Str(2) is { } iea02 && _isaControl is not null && iea02.TrimStart('0') != _isaControl.TrimStart('0')) Issue(X12IssueSeverity.Warning, X12IssueCodes.Iea02, "IEA02 differs from ISA13");
                _inInterchange = false;
                return true;
            case GS:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "GS inside a transaction: the transaction had no SE"); CloseTransaction(); }
                _gsControl = seg.Str(6);
                _gsSender = seg.Str(2)?.Trim();
                _gsVersion = seg.Str(8);
                return true;
            case GE:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "GE inside a transaction: the transaction had no SE"); CloseTransaction(); }
                return true;
            case ST:
                if (_inTx) { Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, "ST inside a transaction: the previous transaction had no SE"); CloseTransaction(); }
                StartTransaction(seg);
                return true;
        }
        return false;
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
                if (_skipNamesAndReferences) return true;
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
            case NM1: if (!c.InLine && !_skipNamesAndReferences) ClaimNm1(seg, c); return true;
            case LQ:
                if (c.InLine && seg[1].SequenceEqual("HE"u8) && seg.Str(2) is { } rc) c.LineRemarks.Add(rc);
                return true;
            case MIA: if (!c.InLine) { AddRemark(c, seg, 5); for (var i = 20; i <= 23; i++) AddRemark(c, seg, i); } return true;
            case MOA: if (!c.InLine) for (var i = 3; i <= 7; i++) AddRemark(c, seg, i); return true;
            default: return false;
        }
    }
}
