using System.Globalization;
using System.Text;

namespace DenialPipeline.X12;

/// <summary>
/// Writes 835s: streaming (BeginTransaction / WriteClaim / EndTransaction) or a whole <see cref="RemittanceFile"/>.
/// What the reader reads, the writer writes back; values must not contain the separators (ArgumentException).
/// </summary>
public sealed class Remittance835Writer : IDisposable
{
    private readonly StreamWriter _w;
    private readonly X12WriteOptions _o;
    private readonly char _e, _c, _s;
    private string? _isa, _gs;
    private int _groupTransactions, _interchangeGroups;
    private long _txSegments;
    private RemittanceTransaction? _tx;
    private readonly StringBuilder _sb = new(256);
    private readonly List<string?> _elements = new(24);

    public Remittance835Writer(Stream stream, X12WriteOptions? options = null, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _o = options ?? new X12WriteOptions();
        _w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen);
        _e = (char)_o.Separators.Element;
        _c = (char)_o.Separators.Component;
        _s = (char)_o.Separators.Segment;
    }

    public static void Write(RemittanceFile file, Stream stream, X12WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var w = new Remittance835Writer(stream, options);
        foreach (var t in file.Transactions)
        {
            w.BeginTransaction(t.Transaction);
            foreach (var c in t.Claims) w.WriteClaim(c);
            w.EndTransaction(t.ProviderAdjustments);
        }
        w.Finish();
    }

    public static string WriteToString(RemittanceFile file, X12WriteOptions? options = null)
    {
        using var ms = new MemoryStream();
        Write(file, ms, options);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes ST and the header (BPR, TRN, DTM*405, payer and payee loops), opening ISA/GS as needed.</summary>
    public void BeginTransaction(RemittanceTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (_tx is not null) throw new InvalidOperationException("EndTransaction first");
        if (_o.Envelope && tx.InterchangeControlNumber is not null)
        {
            if (_isa != tx.InterchangeControlNumber) { CloseInterchange(); OpenInterchange(tx); }
            if (_gs != (tx.GroupControlNumber ?? "1")) { CloseGroup(); OpenGroup(tx); }
        }
        else CloseInterchange();
        _tx = tx;
        _txSegments = 0;
        var fivek = tx.Version is { } v && v.StartsWith("005010", StringComparison.Ordinal);
        Seg("ST", "835", tx.ControlNumber, fivek ? tx.Version : null);
        Seg("BPR", tx.TransactionHandlingCode, Amt(tx.PaymentAmount), tx.CreditDebitFlag, tx.PaymentMethod, null, null, null, null, null, null,
            null, null, null, null, null, Date(tx.PaymentDate));
        if (tx.TraceNumber is not null || tx.OriginatingCompanyId is not null) Seg("TRN", "1", tx.TraceNumber, tx.OriginatingCompanyId);
        if (tx.ProductionDate is { } pd) Seg("DTM", "405", Date(pd));
        var payer = tx.Payer;
        Seg("N1", "PR", payer.Name);
        WriteAddress(payer.Address);
        if (payer.Id is not null) Seg("REF", "2U", payer.Id);
        foreach (var c in payer.Contacts)
        {
            var el = new List<string?> { c.Function, c.Name };
            foreach (var (q, n) in c.Numbers) { el.Add(q); el.Add(n); }
            Seg("PER", el.ToArray());
        }
        var payee = tx.Payee;
        Seg("N1", "PE", payee.Name, payee.IdQualifier, payee.Id);
        WriteAddress(payee.Address);
        if (payee.TaxId is not null && !(payee.IdQualifier == "FI" && payee.TaxId == payee.Id)) Seg("REF", "TJ", payee.TaxId);
        Seg("LX", "1");
    }

    public void WriteClaim(ClaimPayment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (_tx is null) throw new InvalidOperationException("BeginTransaction first");
        Seg("CLP", c.PatientControlNumber, c.Status, Amt(c.Charge), Amt(c.Paid), Amt(c.PatientResponsibility), c.FilingIndicator,
            c.PayerClaimControlNumber, c.FacilityType, c.FrequencyCode, c.PatientStatusCode, c.DrgCode, Amt(c.DrgWeight),
            Amt(c.DischargeFraction), c.YesNoCondition);
        WriteCas(c.Adjustments);
        WriteName("QC", c.Patient);
        WriteName("IL", c.Insured);
        WriteName("74", c.CorrectedInsured);
        WriteName("82", c.RenderingProvider);
        var first = 0;
        if (_o.InpatientRemarksInMia && c.DrgCode is not null && c.Remarks.Count > 0)
        {
            // MIA01 (covered days) is required; the model does not keep it, so zero.
            var mia = new string?[23];
            mia[0] = "0";
            first = Math.Min(5, c.Remarks.Count);
            mia[4] = c.Remarks[0]; // MIA05
            for (var i = 1; i < first; i++) mia[18 + i] = c.Remarks[i]; // MIA20–MIA23
            Seg("MIA", mia);
        }
        for (var i = first; i < c.Remarks.Count; i += 5)
        {
            var r = c.Remarks.Skip(i).Take(5).ToList();
            while (r.Count < 5) r.Add(null!);
            Seg("MOA", null, null, r[0], r[1], r[2], r[3], r[4]);
        }
        foreach (var (q, v) in c.References) Seg("REF", q, v);
        if (c.ServiceDateStart is { } s) Seg("DTM", "232", Date(s));
        if (c.ServiceDateEnd is { } e) Seg("DTM", "233", Date(e));
        if (c.ReceivedDate is { } r2) Seg("DTM", "050", Date(r2));
        foreach (var (q, v) in c.Amounts) Seg("AMT", q, Amt(v));
        foreach (var l in c.Lines) WriteLine(l);
    }

    /// <summary>Writes the PLB segments and SE.</summary>
    public void EndTransaction(IReadOnlyList<ProviderAdjustment> providerAdjustments)
    {
        ArgumentNullException.ThrowIfNull(providerAdjustments);
        if (_tx is null) throw new InvalidOperationException("BeginTransaction first");
        for (var i = 0; i < providerAdjustments.Count;)
        {
            var first = providerAdjustments[i];
            var el = new List<string?> { first.ProviderId, Date(first.FiscalPeriodEnd) };
            var n = 0;
            while (i < providerAdjustments.Count && n < 6 && providerAdjustments[i].ProviderId == first.ProviderId && providerAdjustments[i].FiscalPeriodEnd == first.FiscalPeriodEnd)
            {
                var p = providerAdjustments[i];
                el.Add(p.Reference is null ? Check(p.ReasonCode) : Check(p.ReasonCode) + _c + Check(p.Reference));
                el.Add(Amt(p.Amount));
                i++; n++;
            }
            Seg("PLB", el.ToArray());
        }
        _txSegments++;
        Raw("SE", (_txSegments).ToString(CultureInfo.InvariantCulture), _tx.ControlNumber);
        _tx = null;
        _groupTransactions++;
    }

    /// <summary>Flushes written segments to the stream without closing the envelope.</summary>
    public void Flush() => _w.Flush();

    /// <summary>Closes the open GS/ISA and flushes.</summary>
    public void Finish()
    {
        CloseInterchange();
        _w.Flush();
    }

    public void Dispose()
    {
        Finish();
        _w.Dispose();
    }

    private void OpenInterchange(RemittanceTransaction tx)
    {
        _isa = tx.InterchangeControlNumber;
        _interchangeGroups = 0;
        var five = tx.Version is not { } v || !v.StartsWith("004", StringComparison.Ordinal);
        var t = _o.Timestamp;
        var rep = five ? ((char)(_o.Separators.Repetition ?? (byte)'^')).ToString() : "U";
        Raw("ISA", "00", "          ", "00", "          ", "ZZ", _o.SenderId.PadRight(15), "ZZ", _o.ReceiverId.PadRight(15),
            t.ToString("yyMMdd", CultureInfo.InvariantCulture), t.ToString("HHmm", CultureInfo.InvariantCulture), rep,
            five ? "00501" : "00401", _isa!.PadLeft(9, '0'), "0", "P", _c.ToString());
    }

    private void OpenGroup(RemittanceTransaction tx)
    {
        _gs = tx.GroupControlNumber ?? "1";
        _groupTransactions = 0;
        _interchangeGroups++;
        var t = _o.Timestamp;
        Raw("GS", "HP", _o.SenderId, _o.ReceiverId, t.ToString("yyyyMMdd", CultureInfo.InvariantCulture), t.ToString("HHmm", CultureInfo.InvariantCulture),
            _gs, "X", tx.Version ?? "005010X221A1");
    }

    private void CloseGroup()
    {
        if (_gs is null) return;
        Raw("GE", _groupTransactions.ToString(CultureInfo.InvariantCulture), _gs);
        _gs = null;
    }

    private void CloseInterchange()
    {
        CloseGroup();
        if (_isa is null) return;
        Raw("IEA", _interchangeGroups.ToString(CultureInfo.InvariantCulture), _isa.PadLeft(9, '0'));
        _isa = null;
    }

    private void WriteLine(ServiceLine l)
    {
        Seg("SVC", Composite(l.ProcedureQualifier, l.Procedure, l.Modifiers, l.Description), Amt(l.Charge), Amt(l.Paid), l.RevenueCode, Amt(l.Units),
            l.OriginalProcedure is null && l.OriginalProcedureQualifier is null ? null : Composite(l.OriginalProcedureQualifier, l.OriginalProcedure, l.OriginalModifiers, null),
            Amt(l.OriginalUnits));
        if (l.ServiceDateEnd is { } end)
        {
            if (l.ServiceDate is { } start) Seg("DTM", "150", Date(start));
            Seg("DTM", "151", Date(end));
        }
        else if (l.ServiceDate is { } d) Seg("DTM", "472", Date(d));
        WriteCas(l.Adjustments);
        if (l.LineControlNumber is not null) Seg("REF", "6R", l.LineControlNumber);
        foreach (var (q, v) in l.References) if (q != "6R" || l.LineControlNumber is null) Seg("REF", q, v);
        if (l.AllowedAmount is { } allowed) Seg("AMT", "B6", Amt(allowed));
        foreach (var (q, v) in l.Amounts) if (q != "B6" || l.AllowedAmount is null) Seg("AMT", q, Amt(v));
        foreach (var r in l.Remarks) Seg("LQ", "HE", r);
    }

    private string? Composite(string? qualifier, string? code, IReadOnlyList<string> modifiers, string? description)
    {
        if (qualifier is null && code is null && modifiers.Count == 0 && description is null) return null;
        var parts = new List<string> { Check(qualifier) ?? "", Check(code) ?? "" };
        foreach (var m in modifiers) parts.Add(Check(m)!);
        if (description is not null)
        {
            while (parts.Count < 6) parts.Add("");
            parts.Add(Check(description)!);
        }
        while (parts.Count > 1 && parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        return string.Join(_c, parts);
    }

    private void WriteCas(IReadOnlyList<Adjustment> adjustments)
    {
        for (var i = 0; i < adjustments.Count;)
        {
            var group = adjustments[i].Group;
            var el = new List<string?> { group };
            var n = 0;
            while (i < adjustments.Count && n < 6 && adjustments[i].Group == group)
            {
                var a = adjustments[i];
                el.Add(a.Reason); el.Add(Amt(a.Amount)); el.Add(Amt(a.Quantity));
                i++; n++;
            }
            Seg("CAS", el.ToArray());
        }
    }

    private void WriteName(string entity, PersonName? n)
    {
        if (n is null) return;
        Seg("NM1", entity, entity is "82" ? "2" : "1", n.Last, n.First, n.Middle, null, n.Suffix, n.IdQualifier, n.Id);
    }

    private void WriteAddress(Address? a)
    {
        if (a is null) return;
        if (a.Line1 is not null || a.Line2 is not null) Seg("N3", a.Line1, a.Line2);
        if (a.City is not null || a.State is not null || a.PostalCode is not null) Seg("N4", a.City, a.State, a.PostalCode);
    }

    private static string? Amt(decimal? d) => d is { } v ? v.ToString(CultureInfo.InvariantCulture) : null;

    private static string? Date(DateOnly? d) => d is { } v ? v.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : null;

    private string? Check(string? v)
    {
        if (v is null) return null;
        foreach (var ch in v)
            if (ch == _e || ch == _c || ch == _s || ch is '\r' or '\n' || (_o.Separators.Repetition is { } r && ch == (char)r))
                throw new ArgumentException("A value contains a separator character", nameof(v));
        return v;
    }

    private void Seg(string id, params string?[] elements)
    {
        _txSegments++;
        _sb.Clear();
        _sb.Append(id);
        var last = elements.Length;
        while (last > 0 && string.IsNullOrEmpty(elements[last - 1])) last--;
        for (var i = 0; i < last; i++)
        {
            _sb.Append(_e);
            var v = elements[i];
            if (v is null) continue;
            // Composites are built already checked; plain values must not carry separators.
            if (id is "SVC" && (i == 0 || i == 5) || id is "PLB" && i >= 2 && i % 2 == 0) _sb.Append(v);
            else _sb.Append(Check(v));
        }
        _sb.Append(_s).Append(_o.LineBreak);
        _w.Write(_sb);
    }

    private void Raw(string id, params string[] elements)
    {
        _sb.Clear();
        _sb.Append(id);
        foreach (var v in elements) _sb.Append(_e).Append(v);
        _sb.Append(_s).Append(_o.LineBreak);
        _w.Write(_sb);
    }
}
