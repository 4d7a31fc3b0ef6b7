using System.Globalization;

namespace DenialPipeline.X12;

/// <summary>
/// Generates synthetic, balanced 835 remittances (no PHI: random letters and digits) for property tests and
/// benchmarks. Every claim balances (CLP03 − CLP04 = Σ claim and line CAS) and every transaction balances
/// (BPR02 = Σ CLP04 − Σ PLB), so a correct reader reports no issue at all.
/// </summary>
/// <remarks>
/// <see cref="Generate"/> (property tests) draws the full variety: claim-level CAS beside line CAS, CAS segments of
/// five and six triplets, the CR group code in 4010, inpatient (DRG) claims whose remarks a writer may put in MIA,
/// payees identified by tax id (N1*PE*…*FI) and revenue-code-only lines (SVC01 empty). <see cref="WriteLarge"/>
/// (benchmarks) does not: its files are generated from fixed seeds and compared with recorded figures, so a seed must
/// keep writing the same bytes; the extra variety draws from the random source only on the Generate path.
/// </remarks>
public sealed class Remittance835Generator
{
    private static readonly string[] Carcs = ["45", "1", "2", "3", "16", "18", "22", "29", "50", "96", "97", "197", "204", "B7", "A1"];
    private static readonly string[] Groups = ["CO", "PR", "OA", "PI"];
    // CR (correction and reversal) exists only in 4010; 5010 dropped it.
    private static readonly string[] Groups4010 = ["CO", "PR", "OA", "PI", "CR"];
    private static readonly string[] Rarcs = ["N14", "M51", "N290", "MA130", "N130", "M15", "N381"];
    private static readonly string[] Statuses = ["1", "1", "1", "2", "3", "4", "19", "20", "23"];
    private static readonly string[] Filing = ["MA", "MB", "MC", "12", "CI", "BL", "HM", "16"];
    private static readonly string[] PlbReasons = ["WO", "FB", "L6", "CS", "72", "J1"];
    private static readonly string[] RefQualifiers = ["1K", "F8", "EA", "9A", "BB", "CE", "G1"];
    private static readonly string[] Modifiers = ["25", "59", "26", "TC", "LT", "RT", "XS", "GP"];

    private readonly Random _r;
    private readonly Remittance835GeneratorOptions _o;
    private int _sequence;

    public Remittance835Generator(int seed, Remittance835GeneratorOptions? options = null)
    {
        _r = new Random(seed);
        _o = options ?? new Remittance835GeneratorOptions();
    }

    /// <summary>A whole remittance file (1..MaxTransactions transactions), as the reader would return it (positions zero).</summary>
    public RemittanceFile Generate()
    {
        var transactions = new List<RemittanceFileTransaction>();
        var isa = (_r.Next(1, 999_999_999)).ToString("D9", CultureInfo.InvariantCulture);
        var gs = _r.Next(1, 99999).ToString(CultureInfo.InvariantCulture);
        var n = _r.Next(1, _o.MaxTransactions + 1);
        for (var i = 0; i < n; i++)
        {
            var claims = new List<ClaimPayment>();
            var count = _r.Next(0, _o.MaxClaimsPerTransaction + 1);
            for (var j = 0; j < count; j++) claims.Add(Claim(variety: true));
            var plbs = ProviderAdjustments();
            transactions.Add(new RemittanceFileTransaction(Transaction(isa, gs, claims.Sum(c => c.Paid) - plbs.Sum(p => p.Amount), variety: true), claims, plbs));
        }
        return new RemittanceFile(transactions, []);
    }

    /// <summary>
    /// Streams a file of about <paramref name="targetBytes"/> bytes (transactions of up to
    /// <paramref name="claimsPerTransaction"/> claims) and returns what a reader must find in it. Without the variety of
    /// <see cref="Generate"/>, so that a seed writes the bytes the benchmark figures were recorded with.
    /// </summary>
    public GeneratedTotals WriteLarge(Stream stream, long targetBytes, X12WriteOptions? options = null, int claimsPerTransaction = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (claimsPerTransaction <= 0) claimsPerTransaction = (int)Math.Clamp(targetBytes / 20 / 700, 5, 1000);
        var counting = new CountingStream(stream);
        long claimsTotal = 0, lines = 0;
        var paid = 0m;
        var txs = 0;
        using (var w = new Remittance835Writer(counting, options))
        {
            while (counting.Written < targetBytes)
            {
                var claims = new List<ClaimPayment>(claimsPerTransaction);
                for (var j = 0; j < claimsPerTransaction; j++) claims.Add(Claim(variety: false));
                var plbs = ProviderAdjustments();
                var txPaid = 0m;
                foreach (var c in claims) { txPaid += c.Paid; lines += c.Lines.Count; }
                var plbSum = 0m;
                foreach (var p in plbs) plbSum += p.Amount;
                w.BeginTransaction(Transaction("000000001", "1", txPaid - plbSum, variety: false));
                foreach (var c in claims) w.WriteClaim(c);
                w.EndTransaction(plbs);
                claimsTotal += claims.Count;
                paid += txPaid;
                txs++;
                w.Flush();
            }
        }
        return new GeneratedTotals(txs, claimsTotal, lines, paid, counting.Written);
    }

    private RemittanceTransaction Transaction(string isa, string gs, decimal amount, bool variety) => new(
        InterchangeControlNumber: isa,
        GroupControlNumber: gs,
        ControlNumber: (++_sequence).ToString("D4", CultureInfo.InvariantCulture),
        Version: _o.Version4010 ? "004010X091A1" : "005010X221A1",
        TransactionHandlingCode: "I",
        PaymentAmount: amount,
        CreditDebitFlag: "C",
        PaymentMethod: Pick(["ACH", "CHK", "NON"]),
        PaymentDate: Date(),
        TraceNumber: Digits(10),
        OriginatingCompanyId: "1" + Digits(9),
        ProductionDate: Maybe(Date()),
        Payer: new PayerInfo(Words(), Digits(5), new Address(Digits(3) + " " + Word(8), null, Word(7), "OH", Digits(5)),
            _r.Next(3) == 0 ? [] : [new Contact("CX", Words(), [("TE", Digits(10))]), new Contact("BL", null, [("UR", "WWW." + Word(8) + ".COM")])]),
        Payee: Payee(variety),
        Position: default);

    private PayeeInfo Payee(bool variety)
    {
        var name = Words();
        // A payee without an NPI is identified by its tax id (N1*PE*…*FI*TIN, no REF*TJ): the reader takes N1 04 as both.
        if (variety && _r.Next(4) == 0)
        {
            var tin = Digits(9);
            return new PayeeInfo(name, "FI", tin, tin, Maybe(new Address("PO BOX " + Digits(4), null, Word(6), "MI", Digits(9))));
        }
        return new PayeeInfo(name, "XX", Digits(10), Digits(9), Maybe(new Address("PO BOX " + Digits(4), null, Word(6), "MI", Digits(9))));
    }

    private ClaimPayment Claim(bool variety)
    {
        var reversal = _r.NextDouble() < _o.ReversalRate;
        var (lines, charge, paid, pr, claimAdjustments) = ClaimMoney(reversal ? -1m : 1m, variety);
        var lineCount = lines.Length;
        var status = reversal ? "22" : Pick(Statuses);
        if (status == "4" && lineCount == 0 && paid != 0) status = "1";
        var refs = new X12Map<string>();
        foreach (var q in RefQualifiers) if (_r.Next(5) == 0) refs.Add(q, Alnum(9));
        var amounts = new X12Map<decimal>();
        if (_r.Next(3) == 0) amounts.Add("AU", Money(3000));
        var remarks = _r.Next(4) == 0 ? Enumerable.Range(0, _r.Next(1, 7)).Select(_ => Pick(Rarcs)).ToArray() : [];
        var start = Date();
        var claim = new ClaimPayment(
            PatientControlNumber: Alnum(_r.Next(6, 20)),
            Status: status,
            Charge: charge,
            Paid: paid,
            PatientResponsibility: _r.Next(4) == 0 ? null : pr,
            FilingIndicator: Pick(Filing),
            PayerClaimControlNumber: Digits(14),
            FacilityType: Maybe(Pick(["11", "12", "13", "21", "81"])),
            FrequencyCode: Maybe(Pick(["1", "7", "8"])),
            DrgCode: _r.Next(10) == 0 ? Digits(3) : null,
            Patient: Person("QC", "MI"),
            Insured: _r.Next(3) == 0 ? Person("IL", "MI") : null,
            CorrectedInsured: _r.Next(10) == 0 ? Person("74", "C") : null,
            RenderingProvider: _r.Next(2) == 0 ? new PersonName("82", Words(), null, null, null, "XX", Digits(10)) : null,
            ServiceDateStart: Maybe(start),
            ServiceDateEnd: _r.Next(3) == 0 ? start.AddDays(_r.Next(0, 10)) : null,
            ReceivedDate: Maybe(start.AddDays(_r.Next(1, 60))),
            References: refs.Count == 0 ? X12Map<string>.Empty : refs,
            Amounts: amounts.Count == 0 ? X12Map<decimal>.Empty : amounts,
            Adjustments: claimAdjustments,
            Remarks: remarks,
            Lines: lines,
            Position: default)
        {
            PatientStatusCode = _r.Next(10) == 0 ? "01" : null,
            DrgWeight = _r.Next(10) == 0 ? Math.Round((decimal)_r.NextDouble() * 3, 4) : null,
            DischargeFraction = _r.Next(20) == 0 ? Math.Round((decimal)_r.NextDouble() * 100, 1) : null,
            YesNoCondition = _r.Next(20) == 0 ? "Y" : null,
        };
        return variety ? WithMoreInpatient(claim) : claim;
    }

    /// <summary>
    /// The claim's lines and money: CLP03 charge, CLP04 paid, the patient's share (PR groups) and claim-level CAS, so
    /// that CLP03 − CLP04 is Σ line CAS + Σ claim CAS. A claim without lines carries its adjustments at claim level.
    /// </summary>
    private (ServiceLine[] Lines, decimal Charge, decimal Paid, decimal Pr, Adjustment[] ClaimAdjustments) ClaimMoney(decimal sign, bool variety)
    {
        var lineCount = _r.Next(0, _o.MaxLinesPerClaim + 1);
        var lines = new ServiceLine[lineCount];
        decimal charge = 0, paid = 0, pr = 0;
        for (var i = 0; i < lineCount; i++)
        {
            lines[i] = Line(sign, variety);
            charge += lines[i].Charge;
            paid += lines[i].Paid;
            foreach (var a in lines[i].Adjustments) if (a.Group == "PR") pr += a.Amount;
        }
        var claimAdjustments = new List<Adjustment>();
        if (lineCount == 0)
        {
            charge = sign * Money(5000);
            paid = sign * Math.Round(Math.Abs(charge) * (decimal)_r.NextDouble(), 2);
            claimAdjustments.AddRange(Split(charge - paid, AdjustmentLevel.Claim, variety));
            foreach (var a in claimAdjustments) if (a.Group == "PR") pr += a.Amount;
        }
        else if (variety && _r.Next(3) == 0)
        {
            // Claim-level CAS beside line CAS (a claim-level deductible or interest): it comes out of what the lines
            // paid, so CLP03 − CLP04 is still Σ line CAS + Σ claim CAS.
            var taken = sign * Math.Round(Math.Abs(paid) * (decimal)_r.NextDouble(), 2);
            var split = Split(taken, AdjustmentLevel.Claim, variety);
            claimAdjustments.AddRange(split);
            paid -= split.Sum(a => a.Amount);
            foreach (var a in split) if (a.Group == "PR") pr += a.Amount;
        }
        return (lines, charge, paid, pr, claimAdjustments.ToArray());
    }

    /// <summary>
    /// Drawn after everything else, so that the benchmark path's draws stay in their order. Inpatient claims (a DRG,
    /// remarks a writer may put in MIA) are rare in the benchmark shape; the property tests need enough of them to
    /// exercise MIA with up to five remarks and MOA for the rest.
    /// </summary>
    private ClaimPayment WithMoreInpatient(ClaimPayment claim)
    {
        if (claim.DrgCode is null && _r.Next(6) == 0) claim = claim with { DrgCode = Digits(3) };
        if (claim.DrgCode is not null && claim.Remarks.Count == 0 && _r.Next(2) == 0)
            claim = claim with { Remarks = Enumerable.Range(0, _r.Next(1, 9)).Select(_ => Pick(Rarcs)).ToArray() };
        return claim;
    }

    private ServiceLine Line(decimal sign, bool variety)
    {
        var charge = sign * Money(2000);
        var paid = _r.Next(5) == 0 ? 0m : sign * Math.Round(Math.Abs(charge) * (decimal)_r.NextDouble(), 2);
        var adjustments = Split(charge - paid, AdjustmentLevel.Line, variety);
        var date = Date();
        var multiDay = _r.Next(6) == 0;
        var refs = new X12Map<string>();
        var control = _r.Next(4) == 0 ? null : Alnum(12);
        if (control is not null) refs.Add("6R", control);
        if (_r.Next(6) == 0) refs.Add("LU", Digits(2));
        var allowed = _r.Next(3) == 0 ? (decimal?)null : paid;
        var amounts = new X12Map<decimal>();
        if (allowed is { } al) amounts.Add("B6", al);
        var changed = _r.Next(8) == 0;
        var revenue = _r.Next(5) == 0;
        var line = new ServiceLine(
            ProcedureQualifier: revenue ? "NU" : "HC",
            Procedure: revenue ? Digits(4) : Digits(5),
            Modifiers: Enumerable.Range(0, _r.Next(0, 3) + (_r.Next(10) == 0 ? 2 : 0)).Select(_ => Pick(Modifiers)).ToArray(),
            Charge: charge,
            Paid: paid,
            RevenueCode: revenue ? null : (_r.Next(6) == 0 ? "0" + Digits(3) : null),
            Units: Maybe((decimal)_r.Next(1, 30)),
            OriginalProcedureQualifier: changed ? "HC" : null,
            OriginalProcedure: changed ? Digits(5) : null,
            OriginalModifiers: changed && _r.Next(2) == 0 ? [Pick(Modifiers)] : [],
            ServiceDate: date,
            ServiceDateEnd: multiDay ? date.AddDays(_r.Next(1, 5)) : null,
            LineControlNumber: control,
            References: refs.Count == 0 ? X12Map<string>.Empty : refs,
            AllowedAmount: allowed,
            Amounts: amounts.Count == 0 ? X12Map<decimal>.Empty : amounts,
            Adjustments: adjustments,
            Remarks: _r.Next(4) == 0 ? Enumerable.Range(0, _r.Next(1, 3)).Select(_ => Pick(Rarcs)).ToArray() : [],
            Position: default)
        {
            Description = _r.Next(15) == 0 ? Words() : null,
            OriginalUnits = changed && _r.Next(2) == 0 ? 1m : null,
        };
        // An institutional line billed by revenue code alone: SVC01 empty, SVC04 the revenue code (drawn last, as above).
        if (variety && _r.Next(8) == 0)
            line = line with { ProcedureQualifier = null, Procedure = "", Modifiers = [], Description = null, RevenueCode = "0" + Digits(3) };
        return line;
    }

    /// <summary>
    /// Splits a difference into CAS triplets that sum to it exactly: 1..4 of any group; with variety, sometimes 5..6 of
    /// one group (one CAS segment filled to CAS19) and, in 4010, the CR group.
    /// </summary>
    private Adjustment[] Split(decimal total, AdjustmentLevel level, bool variety)
    {
        if (total == 0m && _r.Next(2) == 0) return [];
        var full = variety && _r.Next(5) == 0;
        var n = full ? _r.Next(5, 7) : _r.Next(1, 5);
        var groups = variety && _o.Version4010 ? Groups4010 : Groups;
        var oneGroup = full ? Pick(groups) : null;
        var result = new Adjustment[n];
        var left = total;
        for (var i = 0; i < n; i++)
        {
            var amount = i == n - 1 ? left : Math.Round(left * (decimal)_r.NextDouble(), 2);
            left -= amount;
            decimal? qty = _r.Next(8) == 0 ? 1m : null;
            result[i] = new Adjustment(level, oneGroup ?? Pick(groups), Pick(Carcs), amount, qty, default);
        }
        return result;
    }

    private ProviderAdjustment[] ProviderAdjustments()
    {
        var n = _r.Next(0, _o.MaxProviderAdjustments + 1);
        if (n == 0) return [];
        var provider = Digits(10);
        var period = new DateOnly(2025, 12, 31);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var reason = Pick(PlbReasons);
            return new ProviderAdjustment(provider, period, reason, reason is "WO" or "FB" ? Alnum(10) : null,
                (_r.Next(2) == 0 ? -1 : 1) * Money(500), default);
        }).ToArray();
    }

    private PersonName Person(string entity, string idQualifier) =>
        new(entity, Word(_r.Next(2, 12)), Word(_r.Next(2, 9)), _r.Next(3) == 0 ? Word(1) : null, _r.Next(15) == 0 ? "JR" : null, idQualifier, Alnum(11));

    private decimal Money(int max) => new(_r.Next(1, max * 100), 0, 0, false, 2);

    private DateOnly Date() => new DateOnly(2018, 1, 1).AddDays(_r.Next(0, 3000));

    private T? Maybe<T>(T value) where T : struct => _r.Next(4) == 0 ? null : value;

    private T? Maybe<T>(T value, bool _ = false) where T : class => _r.Next(4) == 0 ? null : value;

    private string Pick(string[] options) => options[_r.Next(options.Length)];

    private string Word(int length)
    {
        Span<char> s = stackalloc char[length];
        for (var i = 0; i < length; i++) s[i] = (char)('A' + _r.Next(26));
        return new string(s);
    }

    private string Words() => _r.Next(3) == 0 ? Word(_r.Next(3, 10)) : Word(_r.Next(3, 10)) + " " + Word(_r.Next(2, 12));

    private string Digits(int length)
    {
        Span<char> s = stackalloc char[length];
        for (var i = 0; i < length; i++) s[i] = (char)('0' + _r.Next(10));
        return new string(s);
    }

    private string Alnum(int length)
    {
        Span<char> s = stackalloc char[length];
        for (var i = 0; i < length; i++) { var k = _r.Next(36); s[i] = k < 10 ? (char)('0' + k) : (char)('A' + k - 10); }
        return new string(s);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { inner.Write(buffer, offset, count); Written += count; }
        public override void Write(ReadOnlySpan<byte> buffer) { inner.Write(buffer); Written += buffer.Length; }
    }
}
