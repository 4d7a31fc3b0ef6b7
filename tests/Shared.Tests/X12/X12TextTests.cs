using System.Globalization;
using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

public sealed class X12TextTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("34.00", "34.00")]
    [InlineData("-1.27", "-1.27")]
    [InlineData(".5", "0.5")]
    [InlineData("1.", "1")]
    [InlineData("+12", "12")]
    [InlineData(" 7.10 ", "7.10")]
    [InlineData("1234567890123456789", "1234567890123456789")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("-0.0000000000000000001", "-0.0000000000000000001")]
    public void TryParseDecimal_Valid(string text, string expected)
    {
        Assert.True(X12Text.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var d));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), d);
        Assert.Equal(expected, d.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1,000")]
    [InlineData("1e5")]
    [InlineData("12-")]
    [InlineData("amount")]
    [InlineData("123456789012345678901234567890123")]
    public void TryParseDecimal_Invalid(string text) => Assert.False(X12Text.TryParseDecimal(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("20240229", 2024, 2, 29)]
    [InlineData("040205", 2004, 2, 5)]
    [InlineData("991231", 1999, 12, 31)]
    public void TryParseDate_Valid(string text, int y, int m, int d)
    {
        Assert.True(X12Text.TryParseDate(Encoding.ASCII.GetBytes(text), out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Fact]
    public void TryParseDate_AgreesWithDateOnly_ForEveryDayOfFourCenturiesAndTheEdges()
    {
        // The 8-digit fast path computes the day number itself: compare it with DateOnly for every day.
        var days = Enumerable.Range(new DateOnly(1799, 1, 1).DayNumber, new DateOnly(2201, 1, 1).DayNumber - new DateOnly(1799, 1, 1).DayNumber)
            .Concat(Enumerable.Range(DateOnly.MinValue.DayNumber, 800))
            .Concat(Enumerable.Range(DateOnly.MaxValue.DayNumber - 800, 801));
        foreach (var n in days)
        {
            var expected = DateOnly.FromDayNumber(n);
            Assert.True(X12Text.TryParseDate(Encoding.ASCII.GetBytes(expected.ToString("yyyyMMdd", CultureInfo.InvariantCulture)), out var date));
            Assert.Equal(expected, date);
        }
    }

    [Theory]
    [InlineData("20230229")]
    [InlineData("20230431")]
    [InlineData("19000229")]
    [InlineData("20240132")]
    [InlineData("20240100")]
    [InlineData("00010100")]
    [InlineData("20001301")]
    [InlineData("2024010")]
    [InlineData("2024-01-01")]
    [InlineData("00000000")]
    public void TryParseDate_Invalid(string text) => Assert.False(X12Text.TryParseDate(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Tokenizer_SplitsElements_KeepsEmptyOnes()
    {
        using var tk = new X12Tokenizer(new MemoryStream("ST*835*0001~CAS*CO*45**~"u8.ToArray()));
        Assert.True(tk.Read());
        Assert.True(tk.Read());
        var seg = tk.Current;
        Assert.Equal(5, seg.Count);
        Assert.Equal("CO", seg.Str(1));
        Assert.Null(seg.Str(3));
        Assert.Equal(2, tk.SegmentIndex);
        Assert.Equal(12, tk.ByteOffset);
        Assert.False(tk.Read());
    }
}
