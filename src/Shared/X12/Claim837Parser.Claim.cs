namespace DenialPipeline.X12;

/// <summary>The 837 state machine, claim part: NM1, CLM, SV1/SV2 and the values they hold.</summary>
internal sealed partial class Claim837Parser
{
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
}
