using DenialPipeline.Codes;

namespace DenialPipeline.Tests.Codes;

public sealed class CodeBookTests
{
    private static readonly CodeBook Book = CodeBook.LoadDefault();

    public static TheoryData<string> CommonCarcs() =>
    [
        "1", "2", "3", "4", "5", "6", "11", "16", "18", "22", "23", "24", "26", "27", "29", "31", "39", "45", "49", "50", "55", "56", "58", "59",
        "96", "97", "107", "109", "110", "119", "125", "129", "140", "146", "149", "150", "151", "167", "170", "171", "177", "181", "182", "183",
        "185", "189", "197", "198", "199", "204", "222", "226", "227", "234", "236", "242", "243", "252", "253", "A1", "B7", "B9", "B15",
    ];

    [Theory]
    [MemberData(nameof(CommonCarcs))]
    public void Carc_CommonCode_IsKnownWithWordingAndLikelihood(string code)
    {
        var carc = Book.Carc(code);
        Assert.True(carc.Known);
        Assert.Equal(new CodeValue(CodeKind.Carc, code), carc.Code);
        Assert.False(string.IsNullOrWhiteSpace(carc.Description));
        Assert.InRange(carc.RecoveryLikelihood, 0m, 1m);
    }

    public static TheoryData<string> CommonRarcs() =>
        ["M15", "M20", "M51", "M76", "M80", "M86", "MA04", "MA130", "MA01", "MA18", "N4", "N14", "N20", "N30", "N56", "N95", "N115", "N130", "N179", "N290", "N362", "N382", "N386", "N479", "N522"];

    [Theory]
    [MemberData(nameof(CommonRarcs))]
    public void Rarc_CommonCode_IsKnown(string code) => Assert.True(Book.Rarc(code).Known);

    [Fact]
    public void Carc_CategoriesAndActions_FollowTheDomainTable()
    {
        Assert.Equal((DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization), (Book.Carc("197").Category, Book.Carc("197").DefaultAction));
        Assert.Equal(DenialCategory.TimelyFiling, Book.Carc("29").Category);
        Assert.Equal(DenialCategory.Bundling, Book.Carc("97").Category);
        Assert.Equal(DenialCategory.PatientResponsibility, Book.Carc("2").Category);
        Assert.Equal(ClaimElement.Modifier, Book.Carc("4").Element);
        Assert.Equal(ClaimElement.DiagnosisCode, Book.Carc("11").Element);
    }

    [Theory]
    [InlineData("ZZ9")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("  999 ")]
    public void Carc_Unknown_IsNotKnownAndNeverThrows(string? code)
    {
        var carc = Book.Carc(code);
        Assert.False(carc.Known);
        Assert.Equal(ResolutionAction.ManualReview, carc.DefaultAction);
        Assert.Equal(DenialCategory.Other, carc.Category);
        Assert.False(Book.Rarc(code).Known);
        Assert.False(Book.Group(code).Known);
    }

    [Fact]
    public void Carc_LookupIsCaseAndSpaceInsensitive() => Assert.Equal(Book.Carc("B15"), Book.Carc(" b15 "));

    [Fact]
    public void Rarc_AlertAndMissingElement()
    {
        Assert.True(Book.Rarc("MA01").Alert);
        Assert.True(Book.Rarc("MA18").Alert);
        Assert.False(Book.Rarc("M51").Alert);
        Assert.Equal(ClaimElement.ProcedureCode, Book.Rarc("M51").MissingElement);
        Assert.Equal(ClaimElement.RenderingProviderNpi, Book.Rarc("N290").MissingElement);
        Assert.Null(Book.Rarc("N115").MissingElement);
    }

    [Fact]
    public void Group_CodesSayWhoMayBeBilled()
    {
        Assert.False(Book.Group("CO").PatientMayBeBilled);
        Assert.True(Book.Group("PR").PatientMayBeBilled);
        Assert.All(new[] { "CO", "PR", "OA", "PI", "CR" }, g => Assert.True(Book.Group(g).Known));
        Assert.Equal("https://x12.org/codes/claim-adjustment-group-codes", Book.Group("OA").Code.System);
    }

    [Fact]
    public void ImportOfficialList_OverlaysKnownAddsNewAndRejectsBadRowsWithRowNumbers()
    {
        var book = CodeBook.LoadDefault();
        var csv = string.Join("\n",
            "Code,Description,Start Date,Last Modified,Stop Date",
            "50,\"These are non-covered services because this is not deemed a 'medical necessity' by the payer.\",01/01/1995,2022-07-01,",
            "300,\"A brand new code, with a comma\",2026-03-01,,",
            "29,The time limit for filing has expired.,1995-01-01,,2030-01-01",
            ",no code,,,",
            "45,,1995-01-01,,",
            "97,Bundled,not-a-date,,",
            "50,duplicate,1995-01-01,,",
            "ABCD,not a carc,1995-01-01,,",
            "11,stops before it starts,2020-01-01,,2019-01-01",
            "");

        var result = book.ImportOfficialList(new StringReader(csv), CodeKind.Carc);

        Assert.Equal([CodeValue.Carc("300")], result.Added);
        Assert.Equal([CodeValue.Carc("50"), CodeValue.Carc("29")], result.Updated);
        Assert.Equal(3, result.Taken);
        Assert.Equal([5, 6, 7, 8, 9, 10], result.Rejected.Select(r => r.Row));
        Assert.Contains("duplicate of row 2", result.Rejected.Single(r => r.Row == 8).Reason, StringComparison.Ordinal);
        Assert.Contains("not a date", result.Rejected.Single(r => r.Row == 7).Reason, StringComparison.Ordinal);

        var fifty = book.Carc("50");
        Assert.StartsWith("The payer does not consider", fifty.Description, StringComparison.Ordinal); // our wording stays
        Assert.StartsWith("These are non-covered", fifty.OfficialDescription, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(1995, 1, 1), fifty.StartDate);
        Assert.Equal(DenialCategory.MedicalNecessity, fifty.Category);
        var added = book.Carc("300");
        Assert.True(added.Known);
        Assert.Equal(ResolutionAction.ManualReview, added.DefaultAction);
        Assert.Equal("A brand new code, with a comma", added.Description);
        Assert.False(book.Carc("29").IsActiveOn(new DateOnly(2030, 1, 1)));
        Assert.True(book.Carc("29").IsActiveOn(new DateOnly(2029, 12, 31)));
        // The shared default book is untouched.
        Assert.False(Book.Carc("300").Known);
    }

    [Fact]
    public void ImportOfficialList_Rarc_AddsAlertFlagFromText()
    {
        var book = CodeBook.LoadDefault();
        var result = book.ImportOfficialList(new StringReader("N9999,Alert: something informational.,2026-01-01,,\nM51,Missing/incomplete/invalid procedure code(s).,1997-01-01,,\n"), CodeKind.Rarc);
        Assert.Equal(2, result.Taken);
        Assert.True(book.Rarc("N9999").Alert);
        Assert.Equal(ClaimElement.ProcedureCode, book.Rarc("M51").MissingElement);
    }

    [Fact]
    public void Csv_QuotedNewline_RowNumbersFollowLines()
    {
        var book = CodeBook.LoadDefault();
        var result = book.ImportOfficialList(new StringReader("1,\"two\nlines\",1995-01-01,,\nX,bad,,,\n"), CodeKind.Carc);
        Assert.Equal(3, Assert.Single(result.Rejected).Row);
    }
}
