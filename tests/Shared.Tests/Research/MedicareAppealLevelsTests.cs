using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// Issue 17 §3, later levels: an upheld redetermination continues as a level-2 case (reconsideration by the QIC, 180 days
/// from the decision's presumed receipt); an upheld reconsideration as level 3 (ALJ hearing at OMHA, 60 days), only when
/// the amount in controversy meets the threshold of the calendar year the request is filed in (data, not code).
/// </summary>
public sealed class MedicareAppealLevelsTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2026, 1, 15);
    private static readonly DateOnly Decided = new(2026, 6, 1);

    private static ResearchResult Appeal(decimal amount, DateOnly today)
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        var claim = Claim("PCN7", "4", amount, 0m, [Line("99213", amount, 0m, Dos, "L1", ["25"], [Cas("CO", "50", amount)])], filing: "MB");
        var records = new RecordsSnapshot
        {
            Payer = new PayerProfile { PayerId = "MCARE", Name = "Medicare Part B", PayerKind = PayerKind.Medicare },
            Encounters = [new EncounterRecord { Id = "E1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note"] }],
        };
        var result = researcher.Decide(claim, Tx(Decided), records);
        Assert.Equal(ResolutionAction.Appeal, result.Action);
        return result;
    }

    private static ResearchResult At(int level, decimal amount, DateOnly today) =>
        MedicareAppealLevels.Apply(Appeal(amount, today), level, Decided, today,
            new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))));

    [Fact]
    public void Level2_IsAReconsiderationAtTheQic_180DaysFromReceiptOfTheRedetermination()
    {
        var result = At(2, 150m, new DateOnly(2026, 6, 10));

        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Equal(new DateOnly(2026, 12, 3), result.Deadline!.Date); // 2026-06-01 + 5 + 180
        Assert.Contains(result.Evidence, e => e.Conclusion.Contains("QIC) named on the redetermination notice", StringComparison.Ordinal));
        Assert.Null(result.AmountInControversy);
    }

    [Fact]
    public void Level3_AboveThe2026Threshold_IsAnAljHearingRequest_60DaysFromReceipt()
    {
        var result = At(3, 250m, new DateOnly(2026, 6, 10));

        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Equal(new DateOnly(2026, 8, 5), result.Deadline!.Date); // 2026-06-01 + 5 + 60
        Assert.Equal(new AmountInControversy(250m, 2026, 200m, result.AmountInControversy!.Source), result.AmountInControversy);
        Assert.True(result.AmountInControversy.Meets);
        Assert.Contains("90 FR 55869", result.AmountInControversy.Source, StringComparison.Ordinal);
        Assert.Contains(result.Evidence, e => e.Check == "Amount in controversy" && e.Found && e.Conclusion.Contains("OMHA", StringComparison.Ordinal));
    }

    [Fact]
    public void Level3_BelowTheThresholdOfTheFilingYear_GoesToManualReview()
    {
        // $195 met the 2025 threshold ($190) but not 2026's ($200): the year the request is filed in decides.
        Assert.Equal(ResolutionAction.Appeal, At(3, 195m, new DateOnly(2025, 12, 30)).Action);
        var result = At(3, 195m, new DateOnly(2026, 6, 10));

        Assert.Equal(ResolutionAction.ManualReview, result.Action);
        Assert.False(result.AmountInControversy!.Meets);
        Assert.Contains(result.Evidence, e => e.Check == "Amount in controversy" && !e.Found && e.Conclusion.Contains("405.1006(e)", StringComparison.Ordinal));
    }

    [Fact]
    public void Level3_InAYearWithNoThresholdOnFile_SaysTheDataIsMissing_NeverGuesses()
    {
        var result = At(3, 5000m, new DateOnly(2031, 2, 1));

        Assert.Equal(ResolutionAction.ManualReview, result.Action);
        Assert.Null(result.AmountInControversy!.Meets);
        Assert.Contains(result.Evidence, e => e.Conclusion.Contains("medicare-aic-thresholds.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void Thresholds_AreData_WithTheirSource()
    {
        Assert.Equal(190m, MedicareAppealLevels.AljThreshold(2025)!.Value.Amount);
        Assert.Equal(200m, MedicareAppealLevels.AljThreshold(2026)!.Value.Amount);
        Assert.Null(MedicareAppealLevels.AljThreshold(1999));
    }
}
