using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>Authored fixtures for each tolerance the issue lists, and for the warnings and structural errors.</summary>
public sealed class Remittance835ToleranceTests
{
    // A clean, balanced 5010 transaction body (ST…SE, 16 segments); {0} is the control number.
    private const string Body =
        "ST*835*{0}*005010X221A1~BPR*I*120.5*C*ACH*CCP*01*011000015*DA*123456*1512345678**01*011000015*DA*654321*20240115~" +
        "TRN*1*TRACE{0}*1512345678~DTM*405*20240112~N1*PR*ACME HEALTH~N3*1 MAIN ST~N4*TOWN*OH*44004~REF*2U*PAY01~" +
        "N1*PE*GOOD CLINIC*XX*1234567893~REF*TJ*111223333~LX*1~CLP*PCN{0}*1*200*120.5*10*12*ICN{0}~" +
        "SVC*HC:99213:25*200*120.5**1~DTM*472*20240105~CAS*CO*45*69.5~CAS*PR*2*10~";
    private const int BodySegments = 16;

    private static string Tx(string control, string? se01 = null) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, control) + $"SE*{se01 ?? (BodySegments + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}*{control}~";

    private const string Isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240115*1200*^*00501*000000101*0*P*:~";

    private static string Enveloped(params string[] controls) =>
        Isa + "GS*HP*SENDER*RECEIVER*20240115*1200*7*X*005010X221A1~" + string.Concat(controls.Select(c => Tx(c))) + $"GE*{controls.Length}*7~IEA*1*000000101~";

    private static void AssertClean(RemittanceFile f, int transactions = 1)
    {
        Assert.True(f.Issues.Count == 0, X12TestUtil.Issues(f));
        Assert.Equal(transactions, f.Transactions.Count);
        foreach (var t in f.Transactions)
        {
            var c = Assert.Single(t.Claims);
            Assert.Equal(120.5m, c.Paid);
            var l = Assert.Single(c.Lines);
            Assert.Equal(("HC", "99213"), (l.ProcedureQualifier, l.Procedure));
            Assert.Equal(["25"], l.Modifiers);
            Assert.Equal(new DateOnly(2024, 1, 5), l.ServiceDate);
            Assert.Equal(2, l.Adjustments.Count);
        }
    }

    [Fact]
    public void Clean_Enveloped_ReadsEverything()
    {
        var f = X12TestUtil.Read(Enveloped("0001"));
        AssertClean(f);
        var t = f.Transactions[0].Transaction;
        Assert.Equal(("000000101", "7", "0001", "005010X221A1"), (t.InterchangeControlNumber, t.GroupControlNumber, t.ControlNumber, t.Version));
        Assert.Equal(("I", 120.5m, "C", "ACH"), (t.TransactionHandlingCode, t.PaymentAmount, t.CreditDebitFlag, t.PaymentMethod));
        Assert.Equal((new DateOnly(2024, 1, 15), "TRACE0001", "1512345678", new DateOnly(2024, 1, 12)), (t.PaymentDate!.Value, t.TraceNumber, t.OriginatingCompanyId, t.ProductionDate!.Value));
        Assert.Equal(("ACME HEALTH", "PAY01"), (t.Payer.Name, t.Payer.Id));
        Assert.Equal(new Address("1 MAIN ST", null, "TOWN", "OH", "44004"), t.Payer.Address);
        Assert.Equal(("GOOD CLINIC", "XX", "1234567893", "111223333"), (t.Payee.Name, t.Payee.IdQualifier, t.Payee.Id, t.Payee.TaxId));
        Assert.Equal(new X12Position(3, Isa.Length + "GS*HP*SENDER*RECEIVER*20240115*1200*7*X*005010X221A1~".Length), t.Position);
    }

    [Fact]
    public void ByteOrderMark_AndCrLfBetweenSegments()
    {
        var text = Enveloped("0001").Replace("~", "~\r\n", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var f = X12TestUtil.Read(bytes);
        AssertClean(f);
        // Offsets count the BOM and the line breaks: ST starts after BOM + ISA~CRLF + GS~CRLF.
        Assert.Equal(3 + Isa.Length + 2 + "GS*HP*SENDER*RECEIVER*20240115*1200*7*X*005010X221A1~".Length + 2, f.Transactions[0].Transaction.Position.ByteOffset);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n    ")]
    [InlineData("\r\n\t\t")]
    public void LineBreaksAndIndentationBetweenSegments(string between) =>
        AssertClean(X12TestUtil.Read(Enveloped("0001").Replace("~", "~" + between, StringComparison.Ordinal)));

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void NewlineAsSegmentTerminator(string terminator) =>
        AssertClean(X12TestUtil.Read(Enveloped("0001").Replace("~", terminator, StringComparison.Ordinal)));

    [Fact]
    public void EverythingOnOneLine_SeveralTransactions() => AssertClean(X12TestUtil.Read(Enveloped("0001", "0002", "0003")), 3);

    [Fact]
    public void IsaNotPaddedTo106Characters()
    {
        var text = Enveloped("0001").Replace(Isa, "ISA*00**00**ZZ*SENDER*ZZ*RECEIVER*240115*1200*^*00501*101*0*P*:~", StringComparison.Ordinal);
        var f = X12TestUtil.Read(text);
        AssertClean(f);
        Assert.Equal("101", f.Transactions[0].Transaction.InterchangeControlNumber);
    }

    [Fact]
    public void NoEnvelope_BareTransaction_SeparatorsFromFirstSegment()
    {
        AssertClean(X12TestUtil.Read(Tx("0001")));
        // Other separators, guessed from "ST|835|…" and the first composite.
        var odd = Tx("0001").Replace('*', '|').Replace(':', '>').Replace("~", "\n", StringComparison.Ordinal);
        AssertClean(X12TestUtil.Read(odd));
    }

    [Fact]
    public void SeveralInterchanges_WithDifferentSeparators()
    {
        var second = Enveloped("0002").Replace('*', '|').Replace(':', '>').Replace('~', '\'').Replace("|^|", "|{|", StringComparison.Ordinal);
        var f = X12TestUtil.Read(Enveloped("0001") + "\n" + second);
        AssertClean(f, 2);
        Assert.Equal(["0001", "0002"], f.Transactions.Select(t => t.Transaction.ControlNumber));
    }

    [Fact]
    public void SeveralGroupsAndTransactions()
    {
        var g2 = "GS*HP*SENDER*RECEIVER*20240115*1200*8*X*005010X221A1~" + Tx("0003") + "GE*1*8~";
        var text = Enveloped("0001", "0002").Replace("IEA*1*", g2 + "IEA*2*", StringComparison.Ordinal);
        var f = X12TestUtil.Read(text);
        AssertClean(f, 3);
        Assert.Equal(["7", "7", "8"], f.Transactions.Select(t => t.Transaction.GroupControlNumber));
    }

    [Fact]
    public void Version4010_CrGroupCodeAndSixDigitDates()
    {
        const string text =
            "ISA*00*          *00*          *ZZ*ASHTB          *ZZ*01017          *040315*1005*U*00401*004075123*0*P*:~" +
            "GS*HP*ASHTB*01017*20040315*1005*1*X*004010X091A1~ST*835*0001~BPR*I*56.52*C*CHK************20040315~TRN*1*T1*1346000128~" +
            "N1*PR*COUNTY BOARD~N1*PE*RECOVERY CENTER*FI*346608640~LX*1~CLP*444444*1*56.70*56.52*0*MC*0000000655555555*53~" +
            "SVC*HC:H0005:HF:H9*56.70*56.52**6~DTM*472*040205~CAS*CR*18*0.18*0~REF*6R*444444~SE*12*0001~GE*1*1~IEA*1*004075123~";
        var f = X12TestUtil.Read(text);
        Assert.True(f.Issues.Count == 0, X12TestUtil.Issues(f));
        var t = f.Transactions.Single();
        Assert.Equal("004010X091A1", t.Transaction.Version);
        Assert.Equal("346608640", t.Transaction.Payee.TaxId); // N1*PE*…*FI*TIN
        var l = t.Claims.Single().Lines.Single();
        Assert.Equal(new DateOnly(2004, 2, 5), l.ServiceDate);
        Assert.Equal(("CR", "18", 0.18m, 0m), (l.Adjustments[0].Group, l.Adjustments[0].Reason, l.Adjustments[0].Amount, l.Adjustments[0].Quantity!.Value));
        Assert.Equal(["HF", "H9"], l.Modifiers);
    }

    [Fact]
    public void FullClaimModel_AllSegments()
    {
        var text =
            "ST*835*0001*005010X221A1~BPR*I*95*C*ACH~TRN*1*T1*ORIG~N1*PR*PAYER*XV*N1ID~PER*CX*CLAIMS*TE*8005551212*EX*12~PER*BL*TECH*EM*A@B.C~" +
            "N1*PE*CLINIC*XX*1234567893~N3*PO BOX 1*SUITE 2~N4*CITY*MI*48000~LX*1~" +
            "CLP*PCN1*2*300*95*20*12*ICN1*11*7*01*470*1.2345*50*Y~CAS*OA*23*100~" +
            "NM1*QC*1*DOE*JANE*Q**JR*MI*M123~NM1*IL*1*DOE*JOHN****MI*M999~NM1*74*1*DOE*JANET~NM1*82*1*SMITH*ANN****XX*1111111111~" +
            "MIA*0***138.40*MA01" + "***************" + "N1*N2*N3*N4~MOA***MA02*MA03~REF*1K*ORIGICN~REF*F8*PRIOR~" +
            "DTM*232*20240101~DTM*233*20240103~DTM*050*20240110~AMT*AU*150~" +
            "SVC*HC:99214:25:59:XS:GP:OFFICE VISIT*200*95*0510*2*HC:99215*1~DTM*150*20240101~DTM*151*20240102~" +
            "CAS*CO*45*50*1*97*15~CAS*PR*2*20~REF*6R*LINE1~REF*LU*11~AMT*B6*115~AMT*KH*3~LQ*HE*N130~LQ*HE*M15~" +
            "SVC*NU:0450*0*0~PLB*1234567893*20241231*WO:ABC123*-10*L6*10~SE*38*0001~";
        var f = X12TestUtil.Read(text);
        var t = f.Transactions.Single();
        Assert.Equal("N1ID", t.Transaction.Payer.Id); // no REF*2U: the N1 id
        Assert.Equal("ORIG", t.Transaction.OriginatingCompanyId);
        Assert.Equal([("TE", "8005551212"), ("EX", "12")], t.Transaction.Payer.Contacts[0].Numbers);
        Assert.Equal(("BL", "TECH"), (t.Transaction.Payer.Contacts[1].Function, t.Transaction.Payer.Contacts[1].Name));
        Assert.Equal(new Address("PO BOX 1", "SUITE 2", "CITY", "MI", "48000"), t.Transaction.Payee.Address);
        var c = t.Claims.Single();
        Assert.Equal(("PCN1", "2", 300m, 95m, 20m, "12", "ICN1", "11", "7", "470"),
            (c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.PatientResponsibility!.Value, c.FilingIndicator, c.PayerClaimControlNumber, c.FacilityType, c.FrequencyCode, c.DrgCode));
        Assert.Equal(("01", 1.2345m, 50m, "Y"), (c.PatientStatusCode, c.DrgWeight!.Value, c.DischargeFraction!.Value, c.YesNoCondition));
        Assert.Equal(new PersonName("QC", "DOE", "JANE", "Q", "JR", "MI", "M123"), c.Patient);
        Assert.Equal("M999", c.Insured!.Id);
        Assert.Equal("JANET", c.CorrectedInsured!.First);
        Assert.Equal("1111111111", c.RenderingProvider!.Id);
        Assert.Equal(["MA01", "N1", "N2", "N3", "N4", "MA02", "MA03"], c.Remarks);
        Assert.Equal("ORIGICN", c.References["1K"]);
        Assert.Equal("PRIOR", c.References["F8"]);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 10)), (c.ServiceDateStart!.Value, c.ServiceDateEnd!.Value, c.ReceivedDate!.Value));
        Assert.Equal(150m, c.Amounts["AU"]);
        var claimCas = Assert.Single(c.Adjustments);
        Assert.Equal((AdjustmentLevel.Claim, "OA", "23", 100m), (claimCas.Level, claimCas.Group, claimCas.Reason, claimCas.Amount));
        Assert.Equal(2, c.Lines.Count);
        var l = c.Lines[0];
        Assert.Equal(("HC", "99214", "OFFICE VISIT", 200m, 95m, "0510", 2m), (l.ProcedureQualifier, l.Procedure, l.Description, l.Charge, l.Paid, l.RevenueCode, l.Units!.Value));
        Assert.Equal(["25", "59", "XS", "GP"], l.Modifiers);
        Assert.Equal(("HC", "99215", 1m), (l.OriginalProcedureQualifier, l.OriginalProcedure, l.OriginalUnits!.Value));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2)), (l.ServiceDate!.Value, l.ServiceDateEnd!.Value));
        Assert.Equal([("CO", "45", 50m, (decimal?)1m), ("CO", "97", 15m, null), ("PR", "2", 20m, null)], l.Adjustments.Select(a => (a.Group, a.Reason, a.Amount, a.Quantity)));
        Assert.Equal(("LINE1", "11"), (l.LineControlNumber, l.References["LU"]));
        Assert.Equal((115m, 3m), (l.AllowedAmount!.Value, l.Amounts["KH"]));
        Assert.Equal(["N130", "M15"], l.Remarks);
        Assert.Equal(("NU", "0450"), (c.Lines[1].ProcedureQualifier, c.Lines[1].Procedure));
        Assert.Equal([("WO", "ABC123", -10m), ("L6", null, 10m)], t.ProviderAdjustments.Select(p => (p.ReasonCode, p.Reference, p.Amount)));
        Assert.All(t.ProviderAdjustments, p => Assert.Equal(new DateOnly(2024, 12, 31), p.FiscalPeriodEnd));
        // 300 − 95 = 205 = 100 (claim OA-23) + 85 (line 1) + 0 (line 2) → off by 20: a warning naming the claim.
        var w = Assert.Single(f.Issues);
        Assert.Equal(("X12-CLAIM-BALANCE", X12IssueSeverity.Warning, "0001", "PCN1", 11L), (w.Code, w.Severity, w.TransactionControlNumber, w.PatientControlNumber, w.Position.SegmentIndex));
    }

    [Fact]
    public void Warnings_Se01AndBalancing_NameTransactionClaimAndPosition()
    {
        var text = Tx("0001", se01: "99").Replace("CAS*PR*2*10~", "CAS*PR*2*11~", StringComparison.Ordinal).Replace("BPR*I*120.5*", "BPR*I*100*", StringComparison.Ordinal);
        var f = X12TestUtil.Read(text);
        Assert.Single(f.Claims); // warnings never stop reading
        var claim = Assert.Single(f.Issues, i => i.Code == "X12-CLAIM-BALANCE");
        Assert.Equal(("0001", "PCN0001", 12L, X12IssueSeverity.Warning), (claim.TransactionControlNumber, claim.PatientControlNumber, claim.Position.SegmentIndex, claim.Severity));
        Assert.Equal(text.IndexOf("CLP*", StringComparison.Ordinal), claim.Position.ByteOffset);
        var se = Assert.Single(f.Issues, i => i.Code == "X12-SE01");
        Assert.Equal(("0001", 17L), (se.TransactionControlNumber, se.Position.SegmentIndex));
        var tx = Assert.Single(f.Issues, i => i.Code == "X12-TX-BALANCE");
        Assert.Equal("0001", tx.TransactionControlNumber);
        // Figures travel in typed fields, never in the message (messages may be logged; amounts are PHI-adjacent).
        Assert.Equal((79.5m, 80.5m), (claim.Expected!.Value, claim.Actual!.Value));
        Assert.Equal((100m, 120.5m), (tx.Expected!.Value, tx.Actual!.Value));
        Assert.All(f.Issues, i => Assert.DoesNotMatch(@"\d+\.\d", i.Message));
        Assert.All(f.Issues, i => Assert.Equal(X12IssueSeverity.Warning, i.Severity));
        // Order: claim warning, then SE01 and transaction balance, then TransactionEnded.
        var events = Remittance835Reader.ReadEvents(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList();
        Assert.IsType<TransactionEnded>(events[^1]);
    }

    [Fact]
    public void Truncated_MidClaim_ErrorAndClaimStillYielded()
    {
        var full = Enveloped("0001");
        var cut = full[..full.IndexOf("CAS*PR", StringComparison.Ordinal)];
        var f = X12TestUtil.Read(cut);
        var claim = Assert.Single(f.Claims);
        Assert.Equal("PCN0001", claim.PatientControlNumber);
        // The end of the file is where the missing SE (segment 18, after CAS*CO) and the missing IEA would have been:
        // the transaction's error names it, the interchange's comes after it was closed.
        Assert.Equal([("X12-TRUNCATED", "0001", 18L, (long)cut.Length), ("X12-TRUNCATED", null, 18L, cut.Length)],
            f.Errors.Select(e => (e.Code, e.TransactionControlNumber, e.Position.SegmentIndex, e.Position.ByteOffset)));
        Assert.Contains("IEA", f.Errors.Last().Message, StringComparison.Ordinal);
        // Cut inside a segment: the partial segment (15, "SVC*HC:99213") is read as far as it goes.
        var mid = full[..(full.IndexOf("SVC*", StringComparison.Ordinal) + 12)];
        var g = X12TestUtil.Read(mid);
        var line = Assert.Single(Assert.Single(g.Claims).Lines);
        Assert.Equal(("HC", "99213", 15L, (long)full.IndexOf("SVC*", StringComparison.Ordinal)), (line.ProcedureQualifier, line.Procedure, line.Position.SegmentIndex, line.Position.ByteOffset));
        Assert.Equal([("X12-MISSING", 15L, (long)full.IndexOf("SVC*", StringComparison.Ordinal)), ("X12-MISSING", 15L, full.IndexOf("SVC*", StringComparison.Ordinal)),
                      ("X12-TRUNCATED", 16L, mid.Length), ("X12-TRUNCATED", 16L, mid.Length)],
            g.Errors.Select(e => (e.Code, e.Position.SegmentIndex, e.Position.ByteOffset)));
    }

    [Fact]
    public void StWithoutSe_NextStClosesIt_SecondTransactionReadCompletely()
    {
        var text = Enveloped("0001", "0002").Replace("SE*17*0001~", "", StringComparison.Ordinal);
        var f = X12TestUtil.Read(text);
        // The second ST is segment 19 (ISA, GS, then the first transaction's 16 segments without its SE): the error
        // sits there and names the transaction that had no SE.
        var e = Assert.Single(f.Issues);
        Assert.Equal(("X12-NO-SE", X12IssueSeverity.Error, "0001"), (e.Code, e.Severity, e.TransactionControlNumber));
        Assert.Equal(new X12Position(19, text.IndexOf("ST*835*0002", StringComparison.Ordinal)), e.Position);
        // Both transactions keep their claims; the second is read as if the first had ended properly.
        Assert.Equal(["0001", "0002"], f.Transactions.Select(t => t.Transaction.ControlNumber));
        Assert.Equal(["PCN0001", "PCN0002"], f.Claims.Select(c => c.PatientControlNumber));
        var second = f.Transactions[1];
        Assert.Equal(("000000101", "7", 120.5m, "TRACE0002"), (second.Transaction.InterchangeControlNumber, second.Transaction.GroupControlNumber, second.Transaction.PaymentAmount, second.Transaction.TraceNumber));
        Assert.Equal(new X12Position(19, e.Position.ByteOffset), second.Transaction.Position);
        var c = Assert.Single(second.Claims);
        Assert.Equal(("1", 200m, 120.5m, 10m, "ICN0002"), (c.Status, c.Charge, c.Paid, c.PatientResponsibility!.Value, c.PayerClaimControlNumber));
        var l = Assert.Single(c.Lines);
        Assert.Equal(("HC", "99213", new DateOnly(2024, 1, 5)), (l.ProcedureQualifier, l.Procedure, l.ServiceDate!.Value));
        Assert.Equal([("CO", "45", 69.5m), ("PR", "2", 10m)], l.Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
        // In event order the first transaction ends (at the error) before the second starts.
        var events = Remittance835Reader.ReadEvents(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList();
        var ended = events.FindIndex(x => x is TransactionEnded { Transaction.ControlNumber: "0001" });
        Assert.True(ended >= 0 && ended < events.FindIndex(x => x is TransactionStarted { Transaction.ControlNumber: "0002" }));
    }

    [Fact]
    public void ClpWithoutPatientControlNumber_ErrorWithPosition_RestStillRead()
    {
        var text = Enveloped("0001", "0002").Replace("CLP*PCN0001*", "CLP**", StringComparison.Ordinal);
        var f = X12TestUtil.Read(text);
        Assert.Equal(2, f.Claims.Count());
        var e = Assert.Single(f.Errors);
        Assert.Equal(("X12-CLP01", "0001"), (e.Code, e.TransactionControlNumber));
        Assert.Equal(text.IndexOf("CLP**", StringComparison.Ordinal), e.Position.ByteOffset);
        Assert.Equal(14, e.Position.SegmentIndex);
    }

    [Fact]
    public void Garbage_And_BadNumbers_AreErrors_ReadingContinues()
    {
        var text = Enveloped("0001", "0002")
            .Replace("DTM*472*20240105~", "DTM*472*20240105~#%&!garbage~", StringComparison.Ordinal)
            .Replace("CLP*PCN0002*1*200*", "CLP*PCN0002*1*2O0*", StringComparison.Ordinal);
        var f = X12TestUtil.Read(text);
        Assert.Equal(2, f.Claims.Count());
        // ISA, GS, then the first transaction's ST…DTM*472 are segments 1-16: its garbage is 17. With its CAS and SE
        // it ends at 20; the second transaction's CLP is 32 and its garbage (after SVC and DTM*472) 35.
        var first = text.IndexOf("#%&!garbage", StringComparison.Ordinal);
        Assert.Equal([("0001", 17L, (long)first), ("0002", 35L, text.IndexOf("#%&!garbage", first + 1, StringComparison.Ordinal))],
            f.Errors.Where(e => e.Code == "X12-GARBAGE").Select(e => (e.TransactionControlNumber, e.Position.SegmentIndex, e.Position.ByteOffset)));
        var num = Assert.Single(f.Errors, e => e.Code == "X12-NUMBER");
        Assert.Equal(("PCN0002", "0002"), (num.PatientControlNumber, num.TransactionControlNumber));
        Assert.Equal(new X12Position(32, text.IndexOf("CLP*PCN0002", StringComparison.Ordinal)), num.Position);
        Assert.Equal(3, f.Errors.Count());
        Assert.DoesNotContain(f.Issues, i => i.Code == "X12-INTERNAL");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("   \r\n  ")]
    [InlineData("hello world, this is not X12")]
    [InlineData("ISA*00*")]
    [InlineData("ISA")]
    [InlineData("~~~~")]
    [InlineData("SE*1*1~")]
    public void NonsenseInput_GivesErrorsNeverThrows(string text)
    {
        var f = X12TestUtil.Read(text);
        Assert.Empty(f.Transactions);
        Assert.NotEmpty(f.Errors);
    }

    [Fact]
    public async Task Cancellation_Throws_OperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Remittance835Reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Enveloped("0001"))), cts.Token)) { }
        });
    }

    [Fact]
    public async Task SlowStream_OneByteReads_SameResult()
    {
        var bytes = Encoding.UTF8.GetBytes(Enveloped("0001", "0002") + "\n" + Enveloped("0003").Replace('*', '|'));
        var events = new List<RemittanceEvent>();
        await foreach (var e in Remittance835Reader.ReadAsync(new TrickleStream(bytes))) events.Add(e);
        var f = Remittance835Reader.Collect(events);
        AssertClean(f, 3);
    }

    /// <summary>Returns one byte per read: every segment straddles buffer refills.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _pos; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            if (_pos >= data.Length || buffer.Length == 0) return 0;
            buffer[0] = data[_pos++];
            return 1;
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
