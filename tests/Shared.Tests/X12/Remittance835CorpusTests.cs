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
    public static TheoryData<string> Files835 { get; } = new()
    {
        "affect-exhaustive_sample.txt",
        "affect-sample_835_with_interests.txt",
        "edi835parser-blue_cross_nc_sample.txt",
        "edi835parser-united_healthcare_legacy_sample.txt",
        "linuxforhealth-cob-contractural-adjustment.835",
        "linuxforhealth-managed-care.835",
        "linuxforhealth-medicare-part-a.835",
        "linuxforhealth-secondary-payment.835",
        "linuxforhealth-tertiary-payment.835",
        "oopfactory-835_DeIdent_01.dat",
        "oopfactory-Example1.txt",
        "pyx12-835_mult_loops.txt",
    };

    internal static RemittanceFile? ReadCorpus(string name)
    {
        var path = SharedCorpus.File835(name);
        if (path is null) return null;
        using var s = File.OpenRead(path);
        return Remittance835Reader.Read(s);
    }

    private static Dictionary<string, string>? Manifest()
    {
        if (SharedCorpus.Root is null) return null;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(SharedCorpus.Root, "MANIFEST.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            if (cols.Length >= 6) rows[cols[0]] = cols[5];
        }
        return rows;
    }

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

    [Theory]
    [MemberData(nameof(Files835))]
    public void Corpus835_MatchesManifest(string name)
    {
        var manifest = Manifest();
        var file = ReadCorpus(name);
        if (manifest is null || file is null) return; // corpus absent: skip
        var row = manifest["x12-835/" + name];
        var claims = file.Claims.ToList();

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

    [Theory]
    [MemberData(nameof(Files835))]
    public async Task Corpus835_AsyncEventsMatchWholeFile(string name)
    {
        var path = SharedCorpus.File835(name);
        if (path is null) return;
        var whole = ReadCorpus(name)!;
        await using var s = File.OpenRead(path);
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

    [Fact]
    public void BlueCrossNc_NoEnvelopeSingleLine_ValuesRead()
    {
        var f = ReadCorpus("edi835parser-blue_cross_nc_sample.txt");
        if (f is null) return;
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

    [Fact]
    public void UnitedHealthcare_SingleLine5010_ValuesRead()
    {
        var f = ReadCorpus("edi835parser-united_healthcare_legacy_sample.txt");
        if (f is null) return;
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

    [Fact]
    public void MedicarePartA_MiaMoaRemarksPlbAndBalance()
    {
        var f = ReadCorpus("linuxforhealth-medicare-part-a.835");
        if (f is null) return;
        Assert.Empty(f.Issues); // balances: 150000.00 = 138018.40 + 11980.33 − (−1.27)
        var t = Assert.Single(f.Transactions);
        Assert.Equal("999", t.Transaction.Payer.Id);
        var plb = Assert.Single(t.ProviderAdjustments);
        Assert.Equal(("6543210903", new DateOnly(2002, 12, 31), "CV", "CP", -1.27m), (plb.ProviderId, plb.FiscalPeriodEnd!.Value, plb.ReasonCode, plb.Reference, plb.Amount));
        Assert.Equal(["MA02"], t.Claims[1].Remarks);
        Assert.Equal(("MA", "11", "1"), (t.Claims[0].FilingIndicator, t.Claims[0].FacilityType, t.Claims[0].FrequencyCode));
        Assert.Equal("HN", t.Claims[0].Patient!.IdQualifier);
    }

    [Fact]
    public void ManagedCare_Dtm150And151_AndBadBprDate()
    {
        var f = ReadCorpus("linuxforhealth-managed-care.835");
        if (f is null) return;
        var line = f.Claims.First().Lines.Single();
        Assert.Equal((new DateOnly(2002, 3, 1), new DateOnly(2002, 3, 4)), (line.ServiceDate!.Value, line.ServiceDateEnd!.Value));
        // BPR16 is 20002316 (month 23): a warning, the payment date stays empty.
        var w = Assert.Single(f.Issues);
        Assert.Equal(("X12-DATE", X12IssueSeverity.Warning, 4L), (w.Code, w.Severity, w.Position.SegmentIndex));
        Assert.Null(f.Transactions[0].Transaction.PaymentDate);
    }

    [Fact]
    public void OopFactory4010_IndentedWithCrGroupCode()
    {
        var f = ReadCorpus("oopfactory-835_DeIdent_01.dat");
        if (f is null) return;
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

    [Fact]
    public void OopFactoryExample1_BomIndented_ClaimWithoutAmounts()
    {
        var f = ReadCorpus("oopfactory-Example1.txt");
        if (f is null) return;
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

    [Fact]
    public void AffectExhaustive_BareTransactionWithGuessedComponentSeparator()
    {
        var f = ReadCorpus("affect-exhaustive_sample.txt");
        if (f is null) return;
        var t = Assert.Single(f.Transactions);
        Assert.Equal(6, t.ProviderAdjustments.Count);
        Assert.Equal(("GO", "XXXX"), (t.ProviderAdjustments[0].ReasonCode, t.ProviderAdjustments[0].Reference));
        var line = t.Claims.Single().Lines.Single();
        Assert.Equal(("NU", "XXXX"), (line.ProcedureQualifier, line.Procedure));
        Assert.Equal(4, line.Modifiers.Count);
        Assert.Equal("XXXXX", line.LineControlNumber);
    }

    [Fact]
    public void Pyx12_DeniedClaimWithRemarks()
    {
        var f = ReadCorpus("pyx12-835_mult_loops.txt");
        if (f is null) return;
        var c = Assert.Single(f.Claims);
        Assert.True(c.Denied);
        Assert.Equal(3, c.Lines.Count);
        Assert.All(c.Lines, l => Assert.Equal(["N14"], l.Remarks));
        Assert.Empty(f.Issues);
    }
}
