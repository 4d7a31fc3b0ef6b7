namespace DenialPipeline.X12;

/// <summary>The 835 state machine, claim part: CLP, SVC, CAS, NM1 and remarks, built into one claim at a time.</summary>
internal sealed partial class Remittance835Parser
{
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

    private static void AddRemark(ClaimBuilder c, in X12Segment seg, int i)
    {
        if (seg.Str(i) is { } r) c.Remarks.Add(r);
    }
}
