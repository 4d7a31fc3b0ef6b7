using DenialPipeline.Research;

namespace DenialPipeline.Tests.Research;

public sealed class MedicareLevelDeadlineTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData(2, "2027-05-09")] // decision 2026-11-05, receipt 11-10, + 180 days (reconsideration)
    [InlineData(3, "2027-01-09")] // + 60 days (ALJ)
    [InlineData(4, "2027-01-09")]
    [InlineData(5, "2027-01-09")]
    public void MedicareLevel_CountsFromPresumedReceipt(int level, string expected)
    {
        var d = Deadlines.MedicareLevel(level, new DateOnly(2026, 11, 5), Today);
        Assert.NotNull(d);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), d.Date);
        Assert.Contains($"Level {level}", d.Explanation);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void MedicareLevel_OutsideLevels2To5_IsNull(int level) => Assert.Null(Deadlines.MedicareLevel(level, new DateOnly(2026, 11, 5), Today));

    [Fact]
    public void MedicareLevel_LeapYear_Reconsideration()
    {
        // 2027-09-01 + 5 = 09-06; + 180 days = 2028-03-04 (crosses 29 Feb 2028).
        Assert.Equal(new DateOnly(2028, 3, 4), Deadlines.MedicareLevel(2, new DateOnly(2027, 9, 1), Today)!.Date);
    }
}
