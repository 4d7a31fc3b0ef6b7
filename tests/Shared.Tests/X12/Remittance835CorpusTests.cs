using System.Globalization;
using System.Text.RegularExpressions;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>
/// Every 835 in ../shared/corpus, checked against MANIFEST.tsv (claim counts, CLP02, CAS and RARC tallies, PLB and
/// ST counts, SE01 mismatches) and against values read from the files by hand. Skips cleanly without the corpus.
/// </summary>
public sealed class Remittance835CorpusTests
{
    /// <summary>Every x12-835 file MANIFEST.tsv lists: a file added to the corpus with its manifest row is read and checked.</summary>
    public static TheoryData<string> Files835 => SharedCorpus.ManifestData("x12-835");

    internal static RemittanceFile ReadCorpus(string name)
    {
        using var s = File.OpenRead(SharedCorpus.PathOf("x12-835", name));
        return Remittance835Reader.Read(s);
    }

    private static string ManifestRow(string name) => SharedCorpus.Manifest("x12-835").Single(r => r.Name == name).Exercises;

    private static Dictionary<string, int> Tally(string manifest, string key)
    {
        var m = Regex.Match(manifest, Regex.Escape(key) + @"\[([^\]]*)\]");
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!m.Success || m.Groups[1].Value.Length == 0) return d;
        foreach (var part in m.Groups[1].Value.Split(','))
        {
            var i = part.LastIndexOf(':');
            d[part[..i]] = int.Parse(part[(i + 1)..], CultureInfo.InvariantCulture);
        }
        return d;
    }

    private static int Number(string manifest, string key)
    {
        var m = Regex.Match(manifest, @"(?:^|[ ;])" + Regex.Escape(key) + @"=(\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static Dictionary<string, int> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>A file dropped into x12-835 without a manifest row would be read by nothing: the folder and the manifest agree.</summary>
    [CorpusFact]
    public void Manifest_ListsEveryX12_835File()
    {
        var onDisk = Directory.GetFiles(Path.Combine(SharedCorpus.Root!, "x12-835")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, SharedCorpus.Manifest("x12-835").Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.NotEmpty(SharedCorpus.Manifest("x12-835"));
    }

    [CorpusTheory]
    [MemberData(nameof(Files835))]
    public void Corpus835_MatchesManifest(string name)
    {
        var row = ManifestRow(name);
        var file = ReadCorpus(name);
        var claims = file.Claims.ToList();

        // The manifest's size: the file read is the file the counts were taken from.
        Assert.Equal(long.Parse(Regex.Match(row, @"^(\d+) B;").Groups[1].Value, CultureInfo.InvariantCulture), new FileInfo(SharedCorpus.PathOf("x12-835", name)).Length);

        Assert.Equal(Number(row, "CLP"), claims.Count);
        Assert.Equal(Number(row, "ST"), file.Transactions.Count);
        Assert.Equal(Tally(row, "CLP02"), Count(claims.Select(c => c.Status)));

        var expectedCas = Tally(row, "CAS");
        // The affect sample carries two placeholder CAS segments ("CAS*grp_code*reason_code*amount*quantity"):
        // their amount is not a number, so the reader reports an error and keeps no adjustment.
        var placeholders = expectedCas.Remove("grp_code-reason_code", out var n) ? n : 0;
        Assert.Equal(expectedCas, Count(claims.SelectMany(c => c.AllAdjustments).Select(a => a.Group + "-" + a.Reason)));
        Assert.Equal(placeholders, file.Issues.Count(i => i.Code == "X12-NUMBER" && i.Message.StartsWith("CAS", StringComparison.Ordinal)));

        Assert.Equal(Tally(row, "RARC"), Count(claims.SelectMany(c => c.Remarks.Concat(c.Lines.SelectMany(l => l.Remarks)))));
        Assert.Equal(Number(row, "PLB"), file.Transactions.SelectMany(t => t.ProviderAdjustments).Select(p => p.Position.SegmentIndex).Distinct().Count());

        var se01 = Regex.Match(row, @"SE01-mismatch=(\d+)");
        Assert.Equal(se01.Success ? int.Parse(se01.Groups[1].Value, CultureInfo.InvariantCulture) : 0, file.Issues.Count(i => i.Code == "X12-SE01"));

        var version = Regex.Match(row, @"ver=(\S*);").Groups[1].Value;
        Assert.All(file.Transactions, t => Assert.Equal(version.Length == 0 ? null : version, t.Transaction.Version));
        Assert.DoesNotContain(file.Issues, i => i.Code == "X12-INTERNAL");
        Assert.All(file.Issues, i => Assert.True(i.Position.SegmentIndex > 0 && i.Position.ByteOffset >= 0));
    }

    [CorpusTheory]
    [MemberData(nameof(Files835))]
    public async Task Corpus835_AsyncEventsMatchWholeFile(string name)
    {
        var whole = ReadCorpus(name);
        await using var s = File.OpenRead(SharedCorpus.PathOf("x12-835", name));
        var events = new List<RemittanceEvent>();
        await foreach (var e in Remittance835Reader.ReadAsync(s)) events.Add(e);
        Assert.Equal(whole.Claims.Count(), events.OfType<ClaimRead>().Count());
        Assert.Equal(whole.Transactions.Count, events.OfType<TransactionStarted>().Count());
        Assert.Equal(whole.Transactions.Count, events.OfType<TransactionEnded>().Count());
        Assert.Equal(whole.Issues.Count, events.OfType<IssueFound>().Count());
        // File order: each transaction's claims sit between its start and its end.
        RemittanceTransaction? open = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case TransactionStarted t: Assert.Null(open); open = t.Transaction; break;
                case ClaimRead c: Assert.Same(open, c.Transaction); break;
                case TransactionEnded t: Assert.Same(open, t.Transaction); open = null; break;
            }
        }
        Assert.Null(open);
    }

    [CorpusFact]
    public void BlueCrossNc_NoEnvelopeSingleLine_ValuesRead()
    {
        var f = ReadCorpus("edi835parser-blue_cross_nc_sample.txt");
        var t = Assert.Single(f.Transactions);
        Assert.Equal("1234", t.Transaction.ControlNumber);
        Assert.Null(t.Transaction.InterchangeControlNumber);
        Assert.Equal(1922.86m, t.Transaction.PaymentAmount);
        Assert.Equal("CHK", t.Transaction.PaymentMethod);
        Assert.Equal(new DateOnly(2011, 1, 8), t.Transaction.PaymentDate);
        Assert.Equal("02790758", t.Transaction.TraceNumber);
        Assert.Equal(new DateOnly(2011, 1, 4), t.Transaction.ProductionDate);
        Assert.Equal("BLUE CROSS AND BLUE SHIELD OF NORTH CAROLINA", t.Transaction.Payer.Name);
        Assert.Equal(new Address("P O BOX 2291", null, "DURHAM", "NC", "27702"), t.Transaction.Payer.Address);
        var per = Assert.Single(t.Transaction.Payer.Contacts);
        Assert.Equal("CX", per.Function);
        Assert.Equal("XX", t.Transaction.Payee.IdQualifier);
        Assert.Equal("0987654321", t.Transaction.Payee.Id);
        Assert.Equal("123456789", t.Transaction.Payee.TaxId);
        var c = Assert.Single(t.Claims);
        Assert.Equal("200200964A52", c.PatientControlNumber);
        Assert.Equal(2100m, c.Charge);
        Assert.Equal(1922.86m, c.Paid);
        Assert.Equal(142.54m, c.PatientResponsibility);
        Assert.Equal("15", c.FilingIndicator);
        Assert.Equal("94151100100", c.PayerClaimControlNumber);
        Assert.Equal("YPB123456789001", c.Patient!.Id);
        Assert.Equal(new DateOnly(2011, 1, 3), c.ReceivedDate);
        Assert.Equal(3, c.Lines.Count);
        var l1 = c.Lines[0];
        Assert.Equal(("HC", "59430", 1210m, 1057.86m, 1m), (l1.ProcedureQualifier, l1.Procedure, l1.Charge, l1.Paid, l1.Units));
        Assert.Equal(("HC", "59410"), (l1.OriginalProcedureQualifier, l1.OriginalProcedure));
        Assert.Equal(new DateOnly(2010, 12, 31), l1.ServiceDate);
        Assert.Equal("0001", l1.LineControlNumber);
        Assert.Equal(1175.4m, l1.AllowedAmount);
        Assert.Equal([("CO", "42", 34.6m), ("PR", "2", 117.54m)], l1.Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
        Assert.All(l1.Adjustments, a => Assert.Equal(AdjustmentLevel.Line, a.Level));
        // The third SVC is malformed (SVC02/SVC03 empty, values shifted to SVC07/SVC08): errors, not an exception.
        Assert.Equal(2, f.Errors.Count(i => i.Code == "X12-MISSING" && i.PatientControlNumber == "200200964A52"));
        Assert.Equal(28, f.Errors.First().Position.SegmentIndex);
    }

    [CorpusFact]
    public void UnitedHealthcare_SingleLine5010_ValuesRead()
    {
        var f = ReadCorpus("edi835parser-united_healthcare_legacy_sample.txt");
        Assert.Empty(f.Issues);
        var t = Assert.Single(f.Transactions);
        Assert.Equal(("444444444", "444444444", "000000064"), (t.Transaction.InterchangeControlNumber, t.Transaction.GroupControlNumber, t.Transaction.ControlNumber));
        Assert.Equal("87726", t.Transaction.Payer.Id);
        Assert.Equal(2, t.Transaction.Payer.Contacts.Count);
        Assert.Equal([("UR", "WWW.UNITEDHEALTHCAREONLINE.COM/B2C/CONTACTUS.DO")], t.Transaction.Payer.Contacts[1].Numbers);
        Assert.Equal("333333333", t.Transaction.Payee.TaxId);
        var c = t.Claims[0];
        Assert.Equal("001-18573-358", c.PatientControlNumber);
        Assert.Equal(("12", "1"), (c.FacilityType, c.FrequencyCode));
        Assert.Equal((new DateOnly(2020, 12, 21), new DateOnly(2021, 1, 13)), (c.ServiceDateStart!.Value, c.ServiceDateEnd!.Value));
        Assert.Equal(194.18m, c.Amounts["AU"]);
        Assert.Equal("12345", c.References["1L"]);
        Assert.Equal("C", c.CorrectedInsured!.Middle);
        Assert.Equal(234m, c.Lines[0].Units);
        Assert.Equal("B4152", c.Lines[1].Procedure);
        Assert.Equal(349.99m, f.Claims.Sum(x => x.Paid));
    }

    [CorpusFact]
    public void MedicarePartA_MiaMoaRemarksPlbAndBalance()
    {
        var f = ReadCorpus("linuxforhealth-medicare-part-a.835");
        Assert.Empty(f.Issues); // balances: 150000.00 = 138018.40 + 11980.33 − (−1.27)
        var t = Assert.Single(f.Transactions);
        Assert.Equal("999", t.Transaction.Payer.Id);
        var plb = Assert.Single(t.ProviderAdjustments);
        Assert.Equal(("6543210903", new DateOnly(2002, 12, 31), "CV", "CP", -1.27m), (plb.ProviderId, plb.FiscalPeriodEnd!.Value, plb.ReasonCode, plb.Reference, plb.Amount));
        Assert.Equal(["MA02"], t.Claims[1].Remarks);
        Assert.Equal(("MA", "11", "1"), (t.Claims[0].FilingIndicator, t.Claims[0].FacilityType, t.Claims[0].FrequencyCode));
        Assert.Equal("HN", t.Claims[0].Patient!.IdQualifier);
    }

    [CorpusFact]
    public void ManagedCare_Dtm150And151_AndBadBprDate()
    {
        var f = ReadCorpus("linuxforhealth-managed-care.835");
        var line = f.Claims.First().Lines.Single();
        Assert.Equal((new DateOnly(2002, 3, 1), new DateOnly(2002, 3, 4)), (line.ServiceDate!.Value, line.ServiceDateEnd!.Value));
        // BPR16 is 20002316 (month 23): a warning, the payment date stays empty.
        var w = Assert.Single(f.Issues);
        Assert.Equal(("X12-DATE", X12IssueSeverity.Warning, 4L), (w.Code, w.Severity, w.Position.SegmentIndex));
        Assert.Null(f.Transactions[0].Transaction.PaymentDate);
    }

    [CorpusFact]
    public void OopFactory4010_IndentedWithCrGroupCode()
    {
        var f = ReadCorpus("oopfactory-835_DeIdent_01.dat");
        Assert.Equal(96, f.Claims.Count());
        Assert.Equal(365, f.Claims.Sum(c => c.Lines.Count));
        Assert.Equal(69, f.Claims.SelectMany(c => c.AllAdjustments).Count(a => a.Group == "CR"));
        Assert.Equal(19, f.Claims.Count(c => c.Reversal));
        Assert.Empty(f.Errors);
        Assert.Equal(66417.62m, f.Claims.Sum(c => c.Paid));
        // The de-identified amounts do not balance: warnings, never a stop.
        Assert.Contains(f.Warnings, w => w.Code == "X12-TX-BALANCE" && w.TransactionControlNumber == "999999");
        Assert.All(f.Warnings.Where(w => w.Code == "X12-CLAIM-BALANCE"), w => Assert.NotNull(w.PatientControlNumber));
    }

    [CorpusFact]
    public void OopFactoryExample1_BomIndented_ClaimWithoutAmounts()
    {
        var f = ReadCorpus("oopfactory-Example1.txt");
        var t = Assert.Single(f.Transactions);
        Assert.Equal("07504123", t.Transaction.ControlNumber);
        Assert.Equal(10, t.Claims.Count);
        var first = t.Claims[0];
        Assert.Equal(["HF", "H9"], first.Lines[0].Modifiers);
        Assert.Equal("A76B04054", first.References["F8"]);
        Assert.Equal(3, t.Claims.Count(c => c.Status == "4"));
        // "CLP*090909*22~": CLP03 and CLP04 missing -> errors naming the claim, the claim is still there.
        Assert.Equal(2, f.Errors.Count(e => e.PatientControlNumber == "090909"));
        Assert.Contains(t.Claims, c => c.PatientControlNumber == "090909");
    }

    [CorpusFact]
    public void AffectExhaustive_BareTransactionWithGuessedComponentSeparator()
    {
        var f = ReadCorpus("affect-exhaustive_sample.txt");
        var t = Assert.Single(f.Transactions);
        Assert.Equal(6, t.ProviderAdjustments.Count);
        Assert.Equal(("GO", "XXXX"), (t.ProviderAdjustments[0].ReasonCode, t.ProviderAdjustments[0].Reference));
        var line = t.Claims.Single().Lines.Single();
        Assert.Equal(("NU", "XXXX"), (line.ProcedureQualifier, line.Procedure));
        Assert.Equal(4, line.Modifiers.Count);
        Assert.Equal("XXXXX", line.LineControlNumber);
    }

    [CorpusFact]
    public void Pyx12_DeniedClaimWithRemarks()
    {
        var f = ReadCorpus("pyx12-835_mult_loops.txt");
        var c = Assert.Single(f.Claims);
        Assert.True(c.Denied);
        Assert.Equal(3, c.Lines.Count);
        Assert.All(c.Lines, l => Assert.Equal(["N14"], l.Remarks));
        Assert.Empty(f.Issues);
    }

    private static (string Group, string Reason, decimal Amount)[] Cas(IEnumerable<Adjustment> adjustments) =>
        adjustments.Select(a => (a.Group, a.Reason, a.Amount)).ToArray();

    [CorpusFact]
    public void AffectWithInterests_TwoTransactions_PlbPlaceholdersAndAStrayPlbLine()
    {
        var f = ReadCorpus("affect-sample_835_with_interests.txt");
        Assert.Equal(2, f.Transactions.Count);
        var (t1, t2) = (f.Transactions[0], f.Transactions[1]);
        Assert.Equal(("262477059", "1", "1002", 1.78m, "ACH", "081000607720126", "1311732404"),
            (t1.Transaction.InterchangeControlNumber, t1.Transaction.GroupControlNumber, t1.Transaction.ControlNumber, t1.Transaction.PaymentAmount,
             t1.Transaction.PaymentMethod, t1.Transaction.TraceNumber, t1.Transaction.OriginatingCompanyId));
        Assert.Equal(("1001", 141.13m, "081000607720039"), (t2.Transaction.ControlNumber, t2.Transaction.PaymentAmount, t2.Transaction.TraceNumber));
        Assert.All(f.Transactions, t => Assert.Equal((new DateOnly(2022, 1, 11), new DateOnly(2022, 1, 5)), (t.Transaction.PaymentDate!.Value, t.Transaction.ProductionDate!.Value)));
        Assert.Equal(("WSFG - BENEFITStest", "31048"), (t1.Transaction.Payer.Name, t1.Transaction.Payer.Id)); // REF*2U; REF*EO is not the payer id
        Assert.Equal(["CX", "BL", "IC"], t2.Transaction.Payer.Contacts.Select(c => c.Function));
        Assert.Equal(("XX", "1669499414", "204881619"), (t1.Transaction.Payee.IdQualifier, t1.Transaction.Payee.Id, t1.Transaction.Payee.TaxId));
        Assert.Equal(("XX", "1720220098", "341768928"), (t2.Transaction.Payee.IdQualifier, t2.Transaction.Payee.Id, t2.Transaction.Payee.TaxId));

        Assert.Equal([("patient_control_number0", "2", 23m, 1.78m), ("patient_control_number1", "2", 105m, 0m)],
            t1.Claims.Select(c => (c.PatientControlNumber, c.Status, c.Charge, c.Paid)));
        Assert.Equal([("patient_control_number2", "1", 157m, 132.81m), ("patient_control_number3", "2", 268m, 5.3m),
                      ("patient_control_number4", "2", 157m, 1.51m), ("patient_control_number5", "2", 157m, 1.51m)],
            t2.Claims.Select(c => (c.PatientControlNumber, c.Status, c.Charge, c.Paid)));
        var claims = f.Claims.ToList();
        Assert.Equal(["M000475857-00", "M000476255-00", "E000379133-00", "M000475749-00", "M000478090-00", "M000478109-00"], claims.Select(c => c.PayerClaimControlNumber));
        // Every adjustment is a line CAS; the placeholder CAS ("CAS*grp_code*reason_code*amount*quantity") keeps none.
        Assert.All(claims, c => Assert.Empty(c.Adjustments));
        Assert.Equal([("OA", "23", 21.22m)], Cas(claims[0].AllAdjustments));
        Assert.Equal([("PR", "2", 21m), ("PR", "23", -13.65m), ("OA", "23", 97.65m)], Cas(claims[1].AllAdjustments)); // CAS*PR*2*21**23*-13.65: two triplets
        Assert.Equal([("PR", "3", 20m), ("CO", "45", 4.19m)], Cas(claims[2].AllAdjustments));
        Assert.Equal([("PR", "3", 20m), ("OA", "23", 131.7m), ("OA", "23", 44m), ("OA", "23", 67m)], Cas(claims[3].AllAdjustments));
        Assert.All(claims[4..], c => Assert.Equal([("PR", "3", 20m), ("OA", "23", 135.49m)], Cas(c.AllAdjustments)));
        Assert.Equal([["71045"], ["88305"], ["99214", "3008F", "3075F", "1159F", "3079F"], ["99214", "G0008", "90662"], ["99214"], ["99214"]],
            claims.Select(c => c.Lines.Select(l => l.Procedure).ToArray()));
        Assert.All(claims.SelectMany(c => c.Lines), l => Assert.Equal("HC", l.ProcedureQualifier));
        Assert.Equal(["25", "CR"], claims[3].Lines[0].Modifiers); // CR here is a modifier, not a CAS group
        Assert.Equal((0m, 0m, 0m, 1m), (claims[2].Lines[1].Charge, claims[2].Lines[1].Paid, claims[2].Lines[1].Units!.Value, claims[2].Lines[1].OriginalUnits!.Value));
        // MIA05 and MOA03/MOA04 are remarks; "remark_code04" sits in MIA24 (an amount element), not MIA20–MIA23.
        Assert.Equal(["remark_code1", "3", "4"], claims[1].Remarks);
        Assert.Empty(claims[0].Remarks);
        Assert.Equal(["code1"], claims[1].Lines[0].Remarks);
        Assert.Equal(5.2m, claims[4].Amounts["I"]); // the interest the file is named for

        Assert.Equal([("1002", "resnCode", "adjID", 5m)], t1.ProviderAdjustments.Select(p => (p.ProviderId, p.ReasonCode, p.Reference, p.Amount)));
        Assert.Equal([("1001", "L6", (string?)null, -10.3m)], t2.ProviderAdjustments.Select(p => (p.ProviderId, p.ReasonCode, p.Reference, p.Amount)));
        // The placeholders' amounts are errors; the PLB continuation on a line of its own ("resnCode>adjID>5***") is an
        // unreadable segment; SE01 undercounts both transactions; and with the PLBs neither BPR02 balances.
        Assert.Equal([("X12-NUMBER", 23L, "1002", "patient_control_number0"), ("X12-NUMBER", 38L, "1002", "patient_control_number1"),
                      ("X12-SE01", 57L, "1002", null), ("X12-TX-BALANCE", 57L, "1002", null),
                      ("X12-GARBAGE", 165L, "1001", null), ("X12-SE01", 166L, "1001", null), ("X12-TX-BALANCE", 166L, "1001", null)],
            f.Issues.Select(i => (i.Code, i.Position.SegmentIndex, i.TransactionControlNumber, i.PatientControlNumber)));
        Assert.Equal([(1.78m, -3.22m), (141.13m, 151.43m)], f.Issues.Where(i => i.Code == "X12-TX-BALANCE").Select(i => (i.Expected!.Value, i.Actual!.Value)));
    }

    [CorpusFact]
    public void LinuxForHealthCob_NegativeContractualAdjustment_PayeeByTaxId()
    {
        var f = ReadCorpus("linuxforhealth-cob-contractural-adjustment.835");
        var t = Assert.Single(f.Transactions);
        Assert.Equal(("000000907", "0001", 34.00m, "CHK", "0063158ABC", "1566339911"),
            (t.Transaction.InterchangeControlNumber, t.Transaction.ControlNumber, t.Transaction.PaymentAmount, t.Transaction.PaymentMethod, t.Transaction.TraceNumber, t.Transaction.OriginatingCompanyId));
        // The date is in BPR15 (one element short of BPR16): no payment date; DTM*405 is read.
        Assert.Null(t.Transaction.PaymentDate);
        Assert.Equal(new DateOnly(2005, 3, 18), t.Transaction.ProductionDate);
        Assert.Equal(("YOUR TAX DOLLARS AT WORK", null), (t.Transaction.Payer.Name, t.Transaction.Payer.Id)); // no REF*2U, no N1 04
        Assert.Equal(("ATONEWITHHEALTH", "FI", "3UR334563", "3UR334563"), (t.Transaction.Payee.Name, t.Transaction.Payee.IdQualifier, t.Transaction.Payee.Id, t.Transaction.Payee.TaxId));
        var c = Assert.Single(t.Claims);
        Assert.Equal(("0001000055", "2", 541.00m, 34.00m, (decimal?)null, "12", "50650619501"),
            (c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.PatientResponsibility, c.FilingIndicator, c.PayerClaimControlNumber));
        Assert.Equal(("BURCK", "987654321"), (c.Patient!.Last, c.Patient.Id));
        Assert.Equal(("BS", "34426"), (c.RenderingProvider!.IdQualifier, c.RenderingProvider.Id));
        Assert.Empty(c.Adjustments);
        var l = Assert.Single(c.Lines);
        Assert.Equal(("HC", "55669", 541.00m, 34.00m, 1.00m, 550.00m), (l.ProcedureQualifier, l.Procedure, l.Charge, l.Paid, l.Units!.Value, l.AllowedAmount!.Value));
        // 541 − 34 = 507 = 516 − 9: a negative CAS amount balances the claim.
        Assert.Equal([("OA", "23", 516.00m), ("OA", "94", -9.00m)], Cas(l.Adjustments));
        // ISA16 says ':' but SVC01 is "HC>55669": the warning is the only issue.
        var w = Assert.Single(f.Issues);
        Assert.Equal(("X12-COMPONENT", X12IssueSeverity.Warning, 21L), (w.Code, w.Severity, w.Position.SegmentIndex));
    }

    [CorpusFact]
    public void LinuxForHealthSecondary_ClaimLevelCasWithoutLines_AndTwoLineClaim()
    {
        var f = ReadCorpus("linuxforhealth-secondary-payment.835");
        var t = Assert.Single(f.Transactions);
        Assert.Equal(("1234", 1222.00m, "CHK", "0012524965", "1559123456"),
            (t.Transaction.ControlNumber, t.Transaction.PaymentAmount, t.Transaction.PaymentMethod, t.Transaction.TraceNumber, t.Transaction.OriginatingCompanyId));
        Assert.Null(t.Transaction.Payer.Id);
        Assert.Equal(("ACME MEDICAL CENTER", "FI", "599944521", "599944521"), (t.Transaction.Payee.Name, t.Transaction.Payee.IdQualifier, t.Transaction.Payee.Id, t.Transaction.Payee.TaxId));
        Assert.Equal([("L0004828311", "2", 10323.64m, 912.00m, (decimal?)null), ("0001000053", "2", 751.50m, 310.00m, 220.00m)],
            t.Claims.Select(c => (c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.PatientResponsibility)));
        var (c1, c2) = (t.Claims[0], t.Claims[1]);
        Assert.Equal(("05090256390", "11", "1"), (c1.PayerClaimControlNumber, c1.FacilityType, c1.FrequencyCode));
        Assert.Empty(c1.Lines);
        Assert.Equal([("OA", "23", 9411.64m)], Cas(c1.Adjustments));
        Assert.Equal(AdjustmentLevel.Claim, c1.Adjustments[0].Level);
        Assert.Equal(912.00m, c1.Amounts["AU"]);
        Assert.Equal((new DateOnly(2005, 3, 3), new DateOnly(2005, 3, 4)), (c1.ServiceDateStart!.Value, c1.ServiceDateEnd!.Value));
        Assert.Empty(c2.Adjustments);
        Assert.Equal([("HC", "12345", "26", 166.50m, 30.00m, (string?)null), ("HC", "66543", "26", 585.00m, 280.00m, "220")],
            c2.Lines.Select(l => (l.ProcedureQualifier, l.Procedure, l.Modifiers.Single(), l.Charge, l.Paid, l.RevenueCode)));
        Assert.Equal([("OA", "23", 136.50m)], Cas(c2.Lines[0].Adjustments));
        Assert.Equal([("PR", "1", 150.00m), ("PR", "2", 70.00m), ("CO", "42", 85.00m)], Cas(c2.Lines[1].Adjustments)); // CAS*PR*1*150.00**2*70.00
        Assert.Equal([150.00m, 500.00m], c2.Lines.Select(l => l.AllowedAmount!.Value));
        // 912 + 310 = 1222 and both claims balance: the component separator warning is the only issue.
        var w = Assert.Single(f.Issues);
        Assert.Equal(("X12-COMPONENT", 29L), (w.Code, w.Position.SegmentIndex));
    }

    [CorpusFact]
    public void LinuxForHealthTertiary_SvcWithoutComponentSeparator_ReadByPosition()
    {
        var f = ReadCorpus("linuxforhealth-tertiary-payment.835");
        var t = Assert.Single(f.Transactions);
        Assert.Equal(("0001", 187.50m, "0012524879", "1559123456"), (t.Transaction.ControlNumber, t.Transaction.PaymentAmount, t.Transaction.TraceNumber, t.Transaction.OriginatingCompanyId));
        Assert.Equal(("ACME MEDICAL CENTER", "FI", "599944521"), (t.Transaction.Payee.Name, t.Transaction.Payee.IdQualifier, t.Transaction.Payee.Id));
        var c = Assert.Single(t.Claims);
        Assert.Equal(("0001000054", "3", 1766.50m, 187.50m, "12", "50580155533"), (c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.FilingIndicator, c.PayerClaimControlNumber));
        Assert.Equal(("ISLAND", "ELLIS", "789123456"), (c.Patient!.Last, c.Patient.First, c.Patient.Id));
        Assert.Equal(("JONES JONES ASSOCIATES", "AB34U"), (c.RenderingProvider!.Last, c.RenderingProvider.Id));
        Assert.Equal(new DateOnly(2005, 1, 20), c.ServiceDateStart);
        // "SVC*HC*24599.00*1766.50*187.50**1": the ':' between qualifier and code is missing, so every value sits one
        // element late. The reader takes the elements where they are (qualifier HC, no code, charge 24599.00) and reports
        // the missing code as an error on that segment; the claim still balances on its CLP (1766.50 − 187.50 = 1579.00 = OA-23).
        var l = Assert.Single(c.Lines);
        Assert.Equal(("HC", "", 24599.00m, 1766.50m, "187.50", (decimal?)null), (l.ProcedureQualifier, l.Procedure, l.Charge, l.Paid, l.RevenueCode, l.Units));
        Assert.Equal([("OA", "23", 1579.00m)], Cas(l.Adjustments));
        Assert.Equal(1700.00m, l.AllowedAmount);
var svc01 = Assert.Single(f.Issues);
        Assert.Equal((X12IssueCodes.Svc01, X12IssueSeverity.Error, 20L), (svc01.Code, svc01.Severity, svc01.Position.SegmentIndex));
    }
}
