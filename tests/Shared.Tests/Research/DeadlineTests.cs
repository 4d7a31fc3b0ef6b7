using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

public sealed class DeadlineTests
{
    private static readonly DateOnly Today = new(2024, 3, 1);

    [Theory]
    [InlineData("2024-02-24", "2024-06-28")] // receipt lands on leap day 2024-02-29
    [InlineData("2023-02-24", "2023-06-29")] // no leap day: receipt 2023-03-01
    [InlineData("2024-01-31", "2024-06-04")] // month end: receipt 2024-02-05
    [InlineData("2024-12-27", "2025-05-01")] // across the year end
    public void Appeal_Medicare_Is120DaysFromReceiptPresumed5DaysAfterNotice(string notice, string expected)
    {
        var d = Deadlines.Appeal(DateOnly.Parse(notice), "payment date BPR16", PayerKind.Medicare, null, Today);
        Assert.Equal(DateOnly.Parse(expected), d.Date);
        Assert.Contains("120 days", d.Rule, StringComparison.Ordinal);
        Assert.Contains("receipt presumed 5 days later", d.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-08-31", PayerKind.Commercial, "2025-02-27")] // 180 days
    [InlineData("2024-01-31", PayerKind.Medicaid, "2024-03-31")]   // 60 days through leap February
    [InlineData("2023-01-31", PayerKind.Medicaid, "2023-04-01")]   // 60 days, no leap day
    [InlineData("2024-02-29", PayerKind.MedicareAdvantage, "2024-05-04")] // 65 days from leap day
    public void Appeal_Defaults_WhenProfileHasNoWindow(string notice, PayerKind kind, string expected)
    {
        var d = Deadlines.Appeal(DateOnly.Parse(notice), "payment date BPR16", kind, new PayerProfile { PayerId = "P", Name = "P", PayerKind = kind }, Today);
        Assert.Equal(DateOnly.Parse(expected), d.Date);
        Assert.StartsWith("Default", d.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Appeal_ProfileWindowWins()
    {
        var payer = new PayerProfile { PayerId = "P", Name = "Acme", AppealWindowDays = 30 };
        var d = Deadlines.Appeal(new DateOnly(2025, 1, 31), "payment date BPR16", PayerKind.Commercial, payer, new DateOnly(2025, 2, 20));
        Assert.Equal(new DateOnly(2025, 3, 2), d.Date);
        Assert.Equal("Payer appeal window (30 days)", d.Rule);
        Assert.Equal(10, d.DaysLeft);
    }

    [Theory]
    [InlineData("2024-02-29", "2025-02-28")] // leap day + 1 calendar year
    [InlineData("2023-12-31", "2024-12-31")]
    [InlineData("2024-03-01", "2025-03-01")]
    public void TimelyFiling_Medicare_IsOneCalendarYear(string dos, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Deadlines.TimelyFiling(DateOnly.Parse(dos), PayerKind.Medicare, null, Today).Date);

    [Theory]
    [InlineData("2024-11-30", 90, "2025-02-28")]
    [InlineData("2023-11-30", 91, "2024-02-29")]
    [InlineData("2024-01-31", 29, "2024-02-29")]
    public void TimelyFiling_ProfileDays_CountFromDateOfService(string dos, int days, string expected)
    {
        var payer = new PayerProfile { PayerId = "P", Name = "Acme", TimelyFilingDays = days };
        Assert.Equal(DateOnly.Parse(expected), Deadlines.TimelyFiling(DateOnly.Parse(dos), PayerKind.Commercial, payer, Today).Date);
    }

    [Fact]
    public void Researcher_MedicareWithoutPaymentDate_UsesProductionDate()
    {
        var claim = Claim("PCN1", "4", 100m, 0m, [Line("99213", 100m, 0m, new DateOnly(2024, 1, 10), null, adjustments: [Cas("CO", "50", 100m)])], filing: "MB");
        var tx = Tx(paymentDate: null, productionDate: new DateOnly(2024, 2, 24));
        var researcher = new DenialResearcher(CodeBook.LoadDefault(), new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 23, 59, 0, TimeSpan.Zero)));

        var result = researcher.Decide(claim, tx, RecordsSnapshot.Empty);

        Assert.Equal(new DateOnly(2024, 6, 28), result.Deadline!.Date);
        Assert.Contains("production date DTM*405", result.Deadline.Explanation, StringComparison.Ordinal);
        Assert.Equal(119, result.Deadline.DaysLeft);
    }

    [Fact]
    public void Researcher_NoRemittanceDate_CountsFromToday()
    {
        var claim = Claim("PCN1", "4", 100m, 0m, [Line("99213", 100m, 0m, new DateOnly(2024, 1, 10), null, adjustments: [Cas("CO", "50", 100m)])]);
        var researcher = new DenialResearcher(CodeBook.LoadDefault(), new FakeTimeProvider(new DateTimeOffset(2024, 8, 31, 12, 0, 0, TimeSpan.Zero)));

        var result = researcher.Decide(claim, Tx(paymentDate: null), RecordsSnapshot.Empty);

        Assert.Equal(new DateOnly(2025, 2, 27), result.Deadline!.Date); // commercial default 180 days
        Assert.Equal(180, result.Deadline.DaysLeft);
    }

    [Fact]
    public void Researcher_PassedDeadline_IsFlaggedAndHasZeroUrgency()
    {
        var claim = Claim("PCN1", "4", 100m, 0m, [Line("99213", 100m, 0m, new DateOnly(2024, 1, 10), null, adjustments: [Cas("CO", "50", 100m)])]);
        var researcher = new DenialResearcher(CodeBook.LoadDefault(), new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var result = researcher.Decide(claim, Tx(new DateOnly(2024, 2, 1)), RecordsSnapshot.Empty);

        Assert.True(result.Deadline!.DaysLeft < 0);
        Assert.Equal(0m, result.Priority.Urgency);
        Assert.Contains(result.Evidence, e => e.Check == "Deadline" && !e.Found);
    }
}
