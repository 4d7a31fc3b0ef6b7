using System.Text;
using DenialPipeline.Denials;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.Denials;

public sealed class CsvReportSelectionTests
{
    private static readonly CsvDenialMapping Generic = CsvMappingJson.Defaults[0];
    private static readonly CsvDenialMapping GenericSemicolon = CsvMappingJson.Defaults[1];

    private static readonly CsvDenialMapping Acme = new()
    {
        Payer = "ACME portal", PayerId = "87726", PayerName = "ACME HEALTH PLAN",
        PatientControlNumber = "Patient Account #", ClaimCharge = "Billed", AdjustmentCode = "CARC", AdjustmentAmount = "Denied Amount",
        Required = ["adjustmentCode", "adjustmentAmount"],
    };

    // Shares its required columns with Acme but maps fewer of a richer report's columns.
    private static readonly CsvDenialMapping AcmeLean = new()
    {
        Payer = "ACME lean", PayerName = "ACME", PatientControlNumber = "Patient Account #", AdjustmentCode = "CARC", AdjustmentAmount = "Denied Amount",
        Required = ["adjustmentCode", "adjustmentAmount"],
    };

    [Fact]
    public void TheMappingWhoseRequiredColumnsAreAllThere_WithTheMostColumns_IsChosen()
    {
        const string report = " patient account # ,BILLED,Carc,Denied Amount,Other\nPCN1,10,CO-16,10,x\n";
        Assert.Same(Acme, DenialFileReader.ChooseMapping(report, [AcmeLean, Acme, Generic]).Mapping);
        Assert.Same(AcmeLean, DenialFileReader.ChooseMapping("Patient Account #,CARC,Denied Amount\n", [AcmeLean, Acme]).Mapping); // a tie: the earlier
        Assert.Same(GenericSemicolon, DenialFileReader.ChooseMapping(
            "\uFEFFPatient Control Number;Reason Code;Adjustment Amount;Billed Amount\nP1;16;12,50;12,50\n", [Acme, .. CsvMappingJson.Defaults]).Mapping);
    }

    [Fact]
    public void NoMappingFits_TheClosestAndItsMissingColumnsAreNamed_NoCellValue()
    {
        const string report = "Patient Account #,Billed,Reason\nSECRETPCN,99.99,CO-16\n";
        var choice = DenialFileReader.ChooseMapping(report, [Acme, .. CsvMappingJson.Defaults]);
        Assert.Null(choice.Mapping);
        Assert.Same(Acme, choice.Closest);
        Assert.Equal(["CARC", "Denied Amount"], choice.MissingColumns);
        var message = choice.Failure();
        Assert.Contains("'ACME portal'", message, StringComparison.Ordinal);
        Assert.Contains("'CARC', 'Denied Amount'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETPCN", message, StringComparison.Ordinal);
        Assert.DoesNotContain("99.99", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ISA*00*          *00*", "remit.csv", DenialFileFormat.X12_835)]
    [InlineData("\uFEFF \r\n ISA|00|", null, DenialFileFormat.X12_835)]
    [InlineData("ST*835*0001~BPR*I*1*C", "a.txt", DenialFileFormat.X12_835)]
    [InlineData("BPR|I|1|C", null, DenialFileFormat.X12_835)]
    [InlineData("N1*PR*ACME~", null, DenialFileFormat.X12_835)]
    [InlineData("Patient Control Number,Reason Code\nA,16\n", "report.CSV", DenialFileFormat.CsvReport)]
    [InlineData("Patient Control Number;Reason Code\n", "report.835", DenialFileFormat.CsvReport)] // a known delimiter on the first line
    [InlineData("PCN,Reason\n", "drop.bin", DenialFileFormat.CsvReport)] // "PCN" is no segment id an 835 starts with
    [InlineData("hello world\n", "drop.835", DenialFileFormat.X12_835)] // nothing says CSV: the 835 reader reports it
    [InlineData("", "drop.835", DenialFileFormat.X12_835)]
    public void TheFormatComesFromTheFirstBytes_TheNameOnlyBreaksATie(string start, string? name, DenialFileFormat expected) =>
        Assert.Equal(expected, DenialFileReader.Detect(Encoding.UTF8.GetBytes(start), name, [',', ';']));

    [Theory]
    [InlineData("12,50", ',', "12.50")]
    [InlineData("1.234,56", ',', "1234.56")]
    [InlineData("1 234,56", ',', "1234.56")]
    [InlineData("-0,5", ',', "-0.5")]
    [InlineData("1,234.56", '.', "1234.56")]
    [InlineData("$1,234,567.00", '.', "1234567.00")]
    [InlineData("(12.00)", '.', "-12.00")]
    [InlineData("12-", '.', "-12")]
    [InlineData("1,250", '.', "1250")] // thousands grouped every three digits: read as the mapping says
    [InlineData(".5", '.', "0.5")]
    [InlineData("€ 12,50", ',', "12.50")]
    public void Amounts_FollowTheMappingsDecimalSeparator(string text, char separator, string expected)
    {
        Assert.Equal(CsvAmount.Problem.None, CsvAmount.TryParse(text, separator, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("12,50", '.', CsvAmount.Problem.Ambiguous)] // not 1250
    [InlineData("12.50", ',', CsvAmount.Problem.Ambiguous)] // not 1250
    [InlineData("1,2345", '.', CsvAmount.Problem.Ambiguous)]
    [InlineData("1.234.5", '.', CsvAmount.Problem.Ambiguous)]
    [InlineData("1,234,56", '.', CsvAmount.Problem.Ambiguous)]
    [InlineData("1.234,5,6", ',', CsvAmount.Problem.Ambiguous)]
    [InlineData("1O0", '.', CsvAmount.Problem.NotANumber)]
    [InlineData("12.", '.', CsvAmount.Problem.NotANumber)]
    [InlineData("-", '.', CsvAmount.Problem.NotANumber)]
    [InlineData("99999999999999999999999999999999", '.', CsvAmount.Problem.NotANumber)]
    public void AmbiguousOrNonNumbers_AreProblems(string text, char separator, CsvAmount.Problem expected) =>
        Assert.Equal(expected, CsvAmount.TryParse(text, separator, out _));

    [Fact]
    public void DecimalComma_1250Cents_WithACommaMapping_AndAnIssue_WithTheDefaultMapping()
    {
        const string csv = "Patient Control Number,Reason Code,Adjustment Amount,Billed Amount\nP1,16,\"12,50\",\"12,50\"\n";
        var comma = CsvDenialReportReader.Parse(csv, Generic with { DecimalSeparator = ',' });
        Assert.DoesNotContain(comma.Issues, i => i.Severity == X12IssueSeverity.Error);
        Assert.Equal(12.50m, comma.Claims.Single().Charge);
        Assert.Equal([12.50m], comma.Claims.Single().Adjustments.Select(a => a.Amount));

        var point = CsvDenialReportReader.Parse(csv, Generic);
        Assert.Contains(point.Issues, i => i is { Severity: X12IssueSeverity.Error, Row: 2, Column: "Adjustment Amount", Code: "CsvAmbiguousAmount" });
        Assert.Contains(point.Issues, i => i is { Row: 2, Column: "Billed Amount", Code: "CsvAmbiguousAmount" });
        var claim = point.Claims.Single();
        Assert.NotEqual(1250m, claim.Charge);
        Assert.DoesNotContain(claim.AllAdjustments, a => a.Amount == 1250m);
        Assert.DoesNotContain(point.Issues, i => i.Message.Contains("12,50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_HaveThe835Shape_OneSyntheticTransactionPerPayerAndDate()
    {
        const string csv =
            "Patient Control Number,Payer ID,Payer Name,Denial Date,Billed Amount,Paid Amount,Reason Code,Adjustment Amount,Procedure Code,Line Billed Amount\r\n" +
            "P1,87726,ACME HEALTH PLAN,2026-11-05,100.00,0,197,100.00,99213,100.00\r\n" +
            "P2,,,,50.00,0,16,50.00,,\r\n" +
            "P3,87726,ACME HEALTH PLAN,2026-11-05,80.00,0,50,abc,,\r\n" +
            "P1,87726,ACME HEALTH PLAN,2026-11-05,100.00,0,45,0,99213,100.00\r\n";
        var events = new List<RemittanceEvent>();
        await foreach (var e in CsvDenialReportReader.ReadEventsAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Generic)) events.Add(e);

        var started = events.OfType<TransactionStarted>().Select(t => t.Transaction).ToList();
        Assert.Equal(2, started.Count);
        Assert.All(started, t => Assert.True(CsvDenialReportReader.IsCsv(t) && t.ControlNumber == "CSV" && t.PaymentAmount == 0m && t.TraceNumber is null));
        Assert.Equal(("87726", "ACME HEALTH PLAN", new DateOnly(2026, 11, 5)), (started[0].Payer.Id, started[0].Payer.Name, started[0].ProductionDate));
        Assert.Equal((null, "Payer not named (CSV report)", (DateOnly?)null), (started[1].Payer.Id, started[1].Payer.Name, started[1].ProductionDate));
        var claims = events.OfType<ClaimRead>().ToList();
        Assert.Equal(["P1", "P3", "P2"], claims.Select(c => c.Claim.PatientControlNumber));
        Assert.Same(started[0], claims[0].Transaction);
        var p1 = claims[0].Claim;
        Assert.Equal([("CO", "197", 100m), ("CO", "45", 0m)], p1.Lines.Single().Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
        Assert.True(p1.Denied);
        Assert.Equal([2, 1], events.OfType<TransactionEnded>().Select(t => t.ClaimCount));

        var issue = Assert.Single(events.OfType<IssueFound>(), i => i.Issue.Severity == X12IssueSeverity.Error).Issue;
        Assert.Equal((4L, "Adjustment Amount", "CsvNotAnAmount", "P3", 0L), (issue.Row, issue.Column, issue.Code, issue.PatientControlNumber, issue.Position.SegmentIndex));
        // Issues come as rows are read, before the claims (which need the whole report).
        Assert.True(events.IndexOf(events.OfType<IssueFound>().First()) < events.IndexOf(events.OfType<TransactionStarted>().First()));
    }

    [Fact]
    public async Task OpenAsync_ReplaysTheSniffedBytes_AndAsksForMappingsOnlyWhenNotPlainlyX12()
    {
        var asked = 0;
        Task<IReadOnlyList<CsvDenialMapping>> Mappings(CancellationToken _) { asked++; return Task.FromResult(CsvMappingJson.Defaults); }

        var x12 = Remittance835Generator835();
        var read = await DenialFileReader.OpenAsync(new MemoryStream(Encoding.ASCII.GetBytes(x12)), "r.835", Mappings);
        Assert.Equal(DenialFileFormat.X12_835, read.Format);
        var events = new List<RemittanceEvent>();
        await foreach (var e in read.Events) events.Add(e);
        Assert.Single(events.OfType<ClaimRead>());
        Assert.Equal(0, asked);

        // A report longer than the sniffed prefix: every row is read, in order.
        var sb = new StringBuilder("Patient Control Number,Reason Code,Adjustment Amount\n");
        for (var i = 0; i < 5000; i++) sb.Append("PCN").Append(i).Append(",16,1.00\n");
        read = await DenialFileReader.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString())), "big.csv", Mappings);
        Assert.Equal((DenialFileFormat.CsvReport, "Generic denial report", 1), (read.Format, read.Mapping?.Payer, asked));
        var claims = new List<string>();
        await foreach (var e in read.Events) if (e is ClaimRead c) claims.Add(c.Claim.PatientControlNumber);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"PCN{i}"), claims);

        read = await DenialFileReader.OpenAsync(new MemoryStream("Account,Amount\nA,1\n"u8.ToArray()), "odd.csv", Mappings);
        Assert.Null(read.Mapping);
        Assert.Contains("'Patient Control Number'", read.Failure, StringComparison.Ordinal);

        read = await DenialFileReader.OpenAsync(new MemoryStream("\r\nPatient Control Number,Reason Code,Adjustment Amount\n"u8.ToArray()), "blank-first.csv", Mappings);
        Assert.Contains("first line holds no column names", read.Failure, StringComparison.Ordinal);
    }

    private static string Remittance835Generator835() =>
        "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *261105*1200*^*00501*000000001*0*P*:~" +
        "GS*HP*PAYER*PROVIDER*20261105*1200*1*X*005010X221A1~ST*835*0001~BPR*I*0*C*NON************20261105~TRN*1*T1*1~" +
        "N1*PR*ACME~N1*PE*CLINIC*XX*1234567893~LX*1~CLP*PCN1*4*100*0**CI*ICN1~CAS*CO*197*100~SE*9*0001~GE*1*1~IEA*1*000000001~";
}
