using System.Text;
using DenialPipeline.Denials;
using DenialPipeline.X12;

using DenialPipeline.Tests.X12;

namespace DenialPipeline.Tests.Denials;

public sealed class CsvDenialReportReaderTests
{
    private static readonly CsvDenialMapping Acme = new()
    {
        Payer = "ACME portal",
        PatientControlNumber = "Patient Account #",
        PayerClaimControlNumber = "Claim Number",
        Status = "Status",
        StatusMap = new Dictionary<string, string> { ["Denied"] = "4", ["Paid"] = "1" },
        ClaimCharge = "Billed",
        ClaimPaid = "Paid",
        PatientLastName = "Last",
        PatientFirstName = "First",
        MemberId = "Member ID",
        ProcedureCode = "CPT",
        Modifiers = "Mods",
        LineCharge = "Line Billed",
        LinePaid = "Line Paid",
        ServiceDate = "DOS",
        AdjustmentCode = "CARC",
        AdjustmentAmount = "Adj Amount",
        RemarkCodes = "RARC",
    };

    private const string Report =
        "Patient Account #,Claim Number,Status,Billed,Paid,Last,First,Member ID,CPT,Mods,Line Billed,Line Paid,DOS,CARC,Adj Amount,RARC\r\n" +
        "PCN1,ICN1,Denied,\"$1,200.00\",0,DOE,\"JANE \"\"JJ\"\"\",M1,99214,25 59,200,0,01/05/2024,CO-197,200,N54\r\n" +
        "PCN1,ICN1,Denied,\"$1,200.00\",0,DOE,JANE,M1,97110,GP,1000,0,2024-01-05,CO50,1000,\"N115; M127\"\r\n" +
        "PCN1,ICN1,Denied,\"$1,200.00\",0,DOE,JANE,M1,97110,GP,1000,0,2024-01-05,PR-1,(0.00),\r\n" +
        "PCN2,ICN2,Paid,100,80,ROE,RICH,M2,,,,,,45,20,\r\n";

    [Fact]
    public void Maps_Columns_Merges_Rows_Into_Claims()
    {
        var r = CsvDenialReportReader.Parse(Report, Acme);
        Assert.Empty(r.Issues);
        Assert.Equal(2, r.Claims.Count);
        var c = r.Claims[0];
        Assert.Equal(("PCN1", "ICN1", "4", 1200m, 0m), (c.PatientControlNumber, c.PayerClaimControlNumber, c.Status, c.Charge, c.Paid));
        Assert.Equal(("DOE", "JANE \"JJ\"", "M1"), (c.Patient!.Last, c.Patient.First, c.Patient.Id));
        Assert.Equal(2, c.Lines.Count);
        Assert.Equal(["25", "59"], c.Lines[0].Modifiers);
        Assert.Equal(new DateOnly(2024, 1, 5), c.Lines[0].ServiceDate);
        Assert.Equal([("CO", "197", 200m)], c.Lines[0].Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
        Assert.Equal([("CO", "50", 1000m), ("PR", "1", 0m)], c.Lines[1].Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
        Assert.Equal(["N115", "M127"], c.Lines[1].Remarks);
        Assert.True(c.Denied);
        var p = r.Claims[1];
        Assert.Equal(("1", 100m, 80m), (p.Status, p.Charge, p.Paid));
        Assert.Equal([(AdjustmentLevel.Claim, "CO", "45", 20m)], p.Adjustments.Select(a => (a.Level, a.Group, a.Reason, a.Amount)));
        Assert.False(p.Denied);
        Assert.Equal(2, c.Position.SegmentIndex); // the first row of the claim (header = row 1)
    }

    [Fact]
    public void Errors_Carry_Row_And_Column_Never_Cell_Values()
    {
        var csv = Report
            .Replace("PCN2,ICN2,Paid,100,", "PCN2,ICN2,Paid,1O0,", StringComparison.Ordinal)
            .Replace("01/05/2024", "2024/31/01", StringComparison.Ordinal)
            + ",ICN3,Denied,5,0,X,Y,M3,,,,,,,,\n"
            + "PCN4,ICN4,Mystery,5,0,X,Y,M4,,,,,,,,\n";
        var r = CsvDenialReportReader.Parse(csv, Acme);
        Assert.Contains(r.Issues, i => i is { Row: 5, Column: "Billed", Severity: X12IssueSeverity.Error });
        Assert.Contains(r.Issues, i => i is { Row: 2, Column: "DOS", Severity: X12IssueSeverity.Error });
        Assert.Contains(r.Issues, i => i is { Row: 6, Column: "Patient Account #" });
        Assert.Contains(r.Issues, i => i is { Row: 7, Column: "Status", Severity: X12IssueSeverity.Warning });
        Assert.DoesNotContain(r.Issues, i => i.Message.Contains("1O0", StringComparison.Ordinal) || i.Message.Contains("2024/31/01", StringComparison.Ordinal));
        Assert.Equal(["PCN1", "PCN2", "PCN4"], r.Claims.Select(c => c.PatientControlNumber));
        Assert.Equal("4", r.Claims[2].Status); // default status for a denial report
    }

    [Fact]
    public void MissingRequiredColumn_IsAnErrorOnTheHeaderRow()
    {
        var r = CsvDenialReportReader.Parse("Account,Billed\nA,1\n", Acme);
        Assert.Empty(r.Claims);
        Assert.Contains(r.Issues, i => i is { Row: 1, Column: "Patient Account #", Severity: X12IssueSeverity.Error });
    }

    [Fact]
    public async Task SemicolonDelimited_QuotedLineBreaks_Bom_RowNumbersCountPhysicalLines()
    {
        var mapping = new CsvDenialMapping { PatientControlNumber = "pcn", ClaimCharge = "charge", AdjustmentReason = "reason", AdjustmentGroup = "group", AdjustmentAmount = "amount", Delimiter = ';' };
        var csv = "\uFEFFpcn;charge;group;reason;amount\n\"A\";\"multi\nline\";CO;16;5\nB;12,50;PR;2;x\n";
        var r = await CsvDenialReportReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), mapping);
        Assert.Equal(2, r.Claims.Count);
        Assert.Contains(r.Issues, i => i is { Row: 2, Column: "charge" }); // "multi\nline" is not an amount; its row starts on line 2
        Assert.Contains(r.Issues, i => i is { Row: 4, Column: "amount" }); // B's row is physical line 4
        Assert.Equal([("CO", "16", 5m)], r.Claims[0].Adjustments.Select(a => (a.Group, a.Reason, a.Amount)));
    }

    [Fact]
    public void UnclosedQuote_IsAnError_NotAnException()
    {
        var r = CsvDenialReportReader.Parse("Patient Account #,Billed\n\"PCN1,100\n", Acme);
        Assert.Contains(r.Issues, i => i.Severity == X12IssueSeverity.Error && i.Row == 2);
    }
}
