using DenialPipeline.ClaimCheck.Ncci;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>CMS's NCCI file layouts: notice rows above the header, tab or comma separated, modifier indicators, rejections by row.</summary>
public sealed class NcciImportTests
{
    private const string PtpTabs =
        "CPT codes and descriptions only are copyright 2025 American Medical Association.\n" +
        "Column 1/Column 2 Edits\n" +
        "Column 1\tColumn 2\t* = In existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale\n" +
        "11042\t97597\t\t20110101\t*\t1\tMisuse of column two code with column one code\n" +
        "36415\t36416\t*\t19960101\t*\t0\tStandards of medical / surgical practice\n" +
        "29880\t29881\t\t20100101\t20100101\t9\tMutually exclusive procedures\n" +
        "12345\tABC\t\t20100101\t*\t1\tbad code\n" +
        "99213\t99212\t\t2010-01-01\t*\t7\tbad indicator\n";

    [Fact]
    public void Ptp_TabSeparatedWithNoticeRows_ReadsEditsAndIndicators_RejectsByRow()
    {
        var edits = new NcciEdits();
        var r = edits.Import(NcciFileKind.Ptp, new StringReader(PtpTabs));
        Assert.Equal(3, r.Taken);
        Assert.Equal([7, 8], r.Rejected.Select(x => x.Row));
        Assert.Contains("column 2 'ABC'", r.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("modifier indicator '7'", r.Rejected[1].Reason, StringComparison.Ordinal);
        var e = Assert.Single(edits.PtpFor("97597"));
        Assert.Equal(("11042", "97597", PtpModifierIndicator.Allowed, new DateOnly(2011, 1, 1), (DateOnly?)null), (e.Column1, e.Column2, e.Modifier, e.Effective, e.Deleted));
        Assert.Equal(PtpModifierIndicator.NotAllowed, Assert.Single(edits.PtpFor("36415")).Modifier);
        var deleted = Assert.Single(edits.PtpFor("29881"));
        Assert.Equal(PtpModifierIndicator.NotApplicable, deleted.Modifier);
        Assert.False(deleted.InEffectOn(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Mue_CsvWithQuotedFields_ReadsUnitsAndAdjudicationIndicator()
    {
        const string csv = "\"Practitioner Services MUE Table, effective 2026-10-01\"\n" +
            "HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n" +
            "20610,2,\"2 Date of Service Edit: Policy\",Anatomic Consideration\n" +
            "97110,6,\"3 Date of Service Edit: Clinical\",\"Clinical: Data\"\n" +
            "70553,1,1 Line Edit,Anatomic Consideration\n" +
            "99999,x,2 Date of Service Edit: Policy,bad\n";
        var edits = new NcciEdits();
        var r = edits.Import(NcciFileKind.Mue, new StringReader(csv));
        Assert.Equal(3, r.Taken);
        Assert.Equal(6, Assert.Single(r.Rejected).Row);
        Assert.Equal((2m, 2), (edits.MueFor("20610")!.Units, edits.MueFor("20610")!.AdjudicationIndicator));
        Assert.Equal(3, edits.MueFor("97110")!.AdjudicationIndicator);
        Assert.Equal(1, edits.MueFor("70553")!.AdjudicationIndicator);
    }

    [Fact]
    public void NoHeader_NothingTaken_TheReasonNamesTheLayout()
    {
        var r = new NcciEdits().Import(NcciFileKind.Ptp, new StringReader("a,b,c\n1,2,3\n"));
        Assert.Equal(0, r.Taken);
        Assert.Contains("Column 1", Assert.Single(r.Rejected).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedRows_AreTheSyntheticFiles()
    {
        var edits = NcciEdits.LoadDefault();
        Assert.True(edits.PtpCount >= 5);
        Assert.NotNull(edits.MueFor("20610"));
    }
}
