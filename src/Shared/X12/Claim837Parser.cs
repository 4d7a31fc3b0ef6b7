namespace DenialPipeline.X12;

/// <summary>The 837 state machine: fed one segment at a time, it appends events to <see cref="Pending"/>.</summary>
internal sealed partial class Claim837Parser
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
        if (Envelope(seg, id)) return;
        if (!_inTx)
        {
            if (!_outsideReported) { Issue(X12IssueSeverity.Error, X12IssueCodes.Outside, "Segment outside any ST…SE transaction skipped"); _outsideReported = true; }
            return;
        }
        _txSegments++;
        if (Is(id, "SE"u8)) { EndTransaction(seg); return; }
        if (_skipTx) return;

        // BHT04: the date the transaction was created, i.e. when the claims in it were sent.
        if (Is(id, "BHT"u8)) { _bhtDate = seg.Has(4) ? Date(seg, 4) : null; return; }

        if (Is(id, "HL"u8)) { Hierarchy(seg); return; }
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

        ClaimSegment(seg, id, tk, c);
    }

    /// <summary>ISA, IEA, GS, GE and ST (each closes a transaction left without SE); false for any other segment.</summary>
    private bool Envelope(X12Segment seg, ReadOnlySpan<byte> id)
    {
        if (Is(id, "ISA"u8)) { CloseOpen("ISA"); _inInterchange = true; _outsideReported = false; return true; }
        if (Is(id, "IEA"u8)) { CloseOpen("IEA"); _inInterchange = false; return true; }
        if (Is(id, "GS"u8)) { CloseOpen("GS"); _gsVersion = seg.Str(8); _gsControl = seg.Str(6); _gsDate = X12Text.TryParseDate(seg[4], out var gsDate) ? gsDate : null; return true; }
        if (Is(id, "GE"u8)) { CloseOpen("GE"); return true; }
        if (Is(id, "ST"u8)) { StartTransaction(seg); return true; }
        return false;
    }

    private void StartTransaction(X12Segment seg)
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
    }

    private void EndTransaction(X12Segment seg)
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
    }

    /// <summary>HL: a new billing provider (20), subscriber (22) or patient (23) loop; the claim before it is finished.</summary>
    private void Hierarchy(X12Segment seg)
    {
        FinishClaim();
        var code = seg[3];
        if (Is(code, "20"u8)) { _level = Level.Billing; _billing = null; _billingNpi = _billingTaxonomy = _billingEntity = null; }
        else if (Is(code, "22"u8)) { _level = Level.Subscriber; _subscriber = _patient = null; _memberId = _payerName = _payerId = _responsibility = null; _subscriberDob = _patientDob = null; }
        else if (Is(code, "23"u8)) { _level = Level.Patient; _patient = null; _patientDob = null; }
        _lastNm1 = Nm1Context.None;
    }

    /// <summary>A segment inside an open claim: SBR, LX, SV1, SV2, HI, REF, DTP.</summary>
    private void ClaimSegment(X12Segment seg, ReadOnlySpan<byte> id, X12Tokenizer tk, ClaimBuilder c)
    {
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
        if (Is(id, "HI"u8) && !c.InLine) { Hi(seg, tk, c); return; }
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
        }
    }

    /// <summary>HI: the claim's diagnosis and procedure codes (qualifier:code composites).</summary>
    private void Hi(X12Segment seg, X12Tokenizer tk, ClaimBuilder c)
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
    }

    private void CloseOpen(string by)
    {
        if (!_inTx) return;
        Issue(X12IssueSeverity.Error, X12IssueCodes.NoSe, $"{by} inside a transaction: the transaction had no SE");
        FinishClaim();
        _inTx = false;
    }
}
