using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Cases;

/// <summary>One money format everywhere people read amounts: "-$1,234.56" for negatives, as the web pages write them.</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData("0", "$0.00")]
    [InlineData("5", "$5.00")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("1234567.89", "$1,234,567.89")]
    [InlineData("-0.01", "-$0.01")]
    [InlineData("-20", "-$20.00")]
    [InlineData("-1234.56", "-$1,234.56")]
    public void Format_WritesDollarsWithTheMinusBeforeTheSign(string amount, string expected) =>
        Assert.Equal(expected, Money.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Format_NoAmount_IsNull() => Assert.Null(Money.Format((decimal?)null));

    [Fact]
    public void Letters_UseTheSameFormat() => Assert.Equal("-$1,234.56", LetterModel.Money(-1234.56m));

    [Fact]
    public void ResearchEvidence_WritesANegativeAdjustmentTheSameWay()
    {
        // A negative adjustment (the payer giving back part of an earlier one) beside a denial: research used to write "$-20.00".
        var dos = new DateOnly(2025, 1, 15);
        var claim = Claim("PCN100", "4", 150m, 0m, [Line("99213", 150m, 0m, dos, "L1", ["25"], [Cas("CO", "197", 170m), Cas("CO", "45", -20m)])]);
        var researcher = new DenialResearcher(CodeBook.LoadDefault(), new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));

        var result = researcher.Decide(claim, Tx(new DateOnly(2025, 3, 10)), RecordsSnapshot.Empty);

        var adjustments = Assert.Single(result.Evidence, e => e.Check == "Adjustments").Conclusion;
        Assert.Contains("CO-45 -$20.00 on line(s) 1", adjustments, StringComparison.Ordinal);
        Assert.DoesNotContain("$-", adjustments, StringComparison.Ordinal);
    }
}
