using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

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

    [Theory]
    [InlineData("2026-12-15", 25, 1.5)]   // ALJ deadline 2027-01-09: 25 days left (the redetermination clock would say 85 and urgency 1.0)
    [InlineData("2027-01-20", -11, 0.0)]  // ALJ deadline passed (the redetermination clock, 2027-03-10, would not have)
    public void WithDeadline_LaterLevel_PriorityAndEvidenceFollowTheNewClock(string today, int daysLeft, double urgency)
    {
        var now = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var researcher = new DenialResearcher(CodeBook.LoadDefault(), new FakeTimeProvider(new DateTimeOffset(now.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        var claim = Claim("PCN1", "4", 200m, 0m, [Line("99213", 200m, 0m, new DateOnly(2026, 9, 1), null, adjustments: [Cas("CO", "50", 200m)])], filing: "MB");
        var level1 = researcher.Decide(claim, Tx(new DateOnly(2026, 11, 5)), RecordsSnapshot.Empty);
        Assert.Equal(new DateOnly(2027, 3, 10), level1.Deadline!.Date); // 11-05 + 5 + 120
        Assert.DoesNotContain(level1.Evidence, e => e.Check == "Deadline");

        var level3 = researcher.WithDeadline(level1, Deadlines.MedicareLevel(3, new DateOnly(2026, 11, 5), now)!);

        Assert.Equal((new DateOnly(2027, 1, 9), daysLeft), (level3.Deadline!.Date, level3.Deadline.DaysLeft));
        Assert.Equal((decimal)urgency, level3.Priority.Urgency);
        Assert.Equal(Math.Round(200m * level1.Priority.RecoveryLikelihood * (decimal)urgency, 2), level3.Priority.Score);
        Assert.Equal(daysLeft < 0, level3.Evidence.Any(e => e.Check == "Deadline" && e.Conclusion.Contains("ALJ", StringComparison.Ordinal)));
        if (daysLeft >= 0) Assert.Contains($"{daysLeft} days left", level3.Priority.Explanation, StringComparison.Ordinal);
    }
}
