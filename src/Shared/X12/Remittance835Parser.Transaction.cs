namespace DenialPipeline.X12;

/// <summary>The 835 state machine, transaction part: ST/SE, the header (BPR, TRN, N1, REF, PER) and PLB.</summary>
internal sealed partial class Remittance835Parser
{
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
}
