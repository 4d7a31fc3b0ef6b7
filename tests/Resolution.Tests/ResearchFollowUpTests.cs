using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Research;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// A denial of a claim already worked (<see cref="FollowUp"/>): the payer's "decision maintained" (CARC 193) worked on
/// the earlier reason, a reopening or an appeal not asked for twice, a corrected claim not sent twice for the same reason,
/// and the appeal level raised only by an appeal.
/// </summary>
public sealed partial class ResearchRecordsTests
{
    private async Task<List<CaseEntity>> CasesOfAsync(string payer) =>
        [.. (await f.Get<CaseStore>().ListAsync()).Where(c => c.PayerId == payer).OrderBy(c => c.CreatedAt)];

    private Task MarkSentAsync(string caseId) =>
        f.Get<CaseStore>().ChangeAsync(caseId, _ => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver", "test"));

    /// <summary>A rendering provider of these tests' own, whose profile holds the taxonomy its claims go out without.</summary>
    private const string TaxonomyNpi = "1922334408";

    /// <summary>An 837 whose claim names <see cref="TaxonomyNpi"/> as rendering provider (N255 then finds the taxonomy on its profile).</summary>
    private async Task ImportWithTaxonomyOnFileAsync(string name, string payer, string claim)
    {
        await ImportAsync(name + "-providers.csv", $"npi,name,taxonomy\n{TaxonomyNpi},LISA CHEN,207Q00000X\n");
        await ImportAsync(name + ".837", File837(payer, claim).Replace($"NM1*82*1*CHEN*LISA****XX*{Npi}", $"NM1*82*1*CHEN*LISA****XX*{TaxonomyNpi}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppealUpheldWithCarc193Alone_TheNextLevel_WorksTheEarlierReasonOnTheLaterLevelClock()
    {
        Now();
        await ImportAsync("m193-payer.csv", "payer_id,name,appeal_window_days,later_level_appeal_days\n66711,Acme Commercial,90,60\n");
        await ImportAsync("m193.837", File837("66711", Claim837("K1", "MEM-K1", "99214", "20260105", 300m)));
        var first = await IngestDeniedAsync("m193-den1", Remit("66711", "20260202",
            Clp("K1", "4", 300m, 0m, "ICN-K1A", "MEM-K1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        Assert.Equal(ResolutionAction.Appeal, (await ResearchAsync(first)).Action);
        await MarkSentAsync(first);

        // The payer answers the appeal: "original payment decision maintained", nothing else.
        await IngestAsync("m193-den2", Remit("66711", "20260320",
            Clp("K1", "4", 300m, 0m, "ICN-K1B", "MEM-K1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*193*300"))));
        var second = (await CasesOfAsync("66711")).Single(c => c.CaseId != first);
        Assert.Equal((2, first), (second.AppealLevel, second.PreviousCaseId));
        var level2 = await ResearchAsync(second.CaseId);
        Assert.Equal((ResolutionAction.Appeal, "CO", "18", DenialCategory.Duplicate), (level2.Action, level2.Group, level2.Reason, level2.Category));
        Assert.Equal((300m, "ICN-K1B"), (level2.DeniedAmount, level2.PayerClaimNumber));
        Assert.True(level2.EarlierPaymentsChecked); // the maintained reason is a duplicate's: its earlier payments were read
        Assert.Equal(new DateOnly(2026, 5, 19), level2.Deadline!.Date); // the later-level window (60 days) from 03-20
        var maintained = Assert.Single(level2.Evidence, e => e.Check == "Decision maintained");
        Assert.Contains($"case {first}", maintained.Conclusion, StringComparison.Ordinal);

        // Maintained again at level 2: level 3 still argues the reason of the first remittance.
        await MarkSentAsync(second.CaseId);
        await IngestAsync("m193-den3", Remit("66711", "20260415",
            Clp("K1", "4", 300m, 0m, "ICN-K1C", "MEM-K1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*193*300"))));
        var third = (await CasesOfAsync("66711")).Single(c => c.PreviousCaseId == second.CaseId);
        var level3 = await ResearchAsync(third.CaseId);
        Assert.Equal((3, ResolutionAction.Appeal, "18"), (third.AppealLevel, level3.Action, level3.Reason));
        Assert.Equal(new DateOnly(2026, 6, 14), level3.Deadline!.Date); // 04-15 + 60 days
    }

    [Fact]
    public async Task Carc193Alone_WithNoEarlierCase_GoesToACoder()
    {
        Now();
        await ImportAsync("m193b.837", File837("66712", Claim837("K2", "MEM-K2", "99214", "20260105", 300m)));
        var only = await IngestDeniedAsync("m193b-den", Remit("66712", "20260320",
            Clp("K2", "4", 300m, 0m, "ICN-K2", "MEM-K2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*193*300"))));
        var research = await ResearchAsync(only);
        Assert.Equal((ResolutionAction.ManualReview, "193"), (research.Action, research.Reason));
        Assert.DoesNotContain(research.Evidence, e => e.Check == "Decision maintained");
    }

    [Fact]
    public async Task MedicareReopeningDeniedAgain_IsARedeterminationAtTheSameLevel_ThenTheQicAfterThat()
    {
        Now();
        await ImportAsync("reo2.837", File837("66713", Claim837("R1", "MEM-R1", "99214", "20260105", 300m)));
        // Medicare's CO-18 with no earlier payment on its remittances: a clerical error, a reopening.
        var first = await IngestDeniedAsync("reo2-den1", Medicare(Remit("66713", "20260202",
            Clp("R1", "4", 300m, 0m, "ICN-R1A", "MEM-R1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300")))));
        Assert.Equal(ResolutionAction.RequestReopening, (await ResearchAsync(first)).Action);
        await MarkSentAsync(first);

        // The contractor's determination after the reopening denies again: not an appeal level, and not a second reopening.
        await IngestAsync("reo2-den2", Medicare(Remit("66713", "20260320",
            Clp("R1", "4", 300m, 0m, "ICN-R1B", "MEM-R1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300")))));
        var cases = await CasesOfAsync("66713");
        var second = cases.Single(c => c.CaseId != first);
        Assert.Equal((1, first), (second.AppealLevel, second.PreviousCaseId));
        var history = await f.Get<CaseStore>().HistoryAsync(first);
        Assert.Equal(("DeniedAgain", CaseStatus.Upheld), (history[^1].Event, cases.Single(c => c.CaseId == first).StatusValue));
        var redetermination = await ResearchAsync(second.CaseId);
        Assert.Equal(ResolutionAction.Appeal, redetermination.Action);
        Assert.Null(redetermination.ClericalError);
        Assert.Equal(new DateOnly(2026, 7, 23), redetermination.Deadline!.Date); // 03-20 + 5 + 120 days
        Assert.Contains(redetermination.Evidence, e => e.Check == "Earlier step" && e.Conclusion.Contains("405.984(a)", StringComparison.Ordinal));

        // The redetermination is denied too: level 2, the QIC's reconsideration, still not a reopening.
        await MarkSentAsync(second.CaseId);
        await IngestAsync("reo2-den3", Medicare(Remit("66713", "20260401",
            Clp("R1", "4", 300m, 0m, "ICN-R1C", "MEM-R1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300")))));
        var third = (await CasesOfAsync("66713")).Single(c => c.PreviousCaseId == second.CaseId);
        Assert.Equal(2, third.AppealLevel);
        var reconsideration = await ResearchAsync(third.CaseId);
        Assert.Equal(ResolutionAction.Appeal, reconsideration.Action);
        Assert.Equal(new DateOnly(2026, 10, 3), reconsideration.Deadline!.Date); // 04-01 + 5 + 180 days
        Assert.Contains(reconsideration.Evidence, e => e.Check == "Earlier step" && e.Conclusion.StartsWith("An appeal was filed", StringComparison.Ordinal));
    }

    /// <summary>
    /// A CO-16 N255 (taxonomy) denial researched to a corrected claim and sent, then the payer's answer to it with
    /// <paramref name="again"/> as the line's adjustment (and remarks): the case that continues it, researched.
    /// </summary>
    private async Task<(string First, CaseEntity Second, ResearchResult Again)> CorrectedClaimAnsweredAsync(string name, string payer, string pcn, params string[] again)
    {
        Now();
        await ImportWithTaxonomyOnFileAsync(name, payer, Claim837(pcn, "MEM-" + pcn, "99214", "20260105", 300m));
        var first = await IngestDeniedAsync(name + "-den1", Remit(payer, "20260202",
            Clp(pcn, "4", 300m, 0m, "ICN-" + pcn + "A", "MEM-" + pcn, Svc("99214", 300m, 0m, "20260105", "CAS*CO*16*300", "LQ*HE*N255"))));
        Assert.Equal(ResolutionAction.CorrectedClaim, (await ResearchAsync(first)).Action);
        await MarkSentAsync(first);

        await IngestAsync(name + "-den2", Remit(payer, "20260320",
            Clp(pcn, "4", 300m, 0m, "ICN-" + pcn + "B", "MEM-" + pcn, Svc("99214", 300m, 0m, "20260105", again))));
        var second = (await CasesOfAsync(payer)).Single(c => c.CaseId != first);
        return (first, second, await ResearchAsync(second.CaseId));
    }

    [Fact]
    public async Task CorrectedClaimDeniedAgainForTheSameReason_IsNotSentTwice()
    {
        var (first, second, again) = await CorrectedClaimAnsweredAsync("cc2", "66714", "Q1", "CAS*CO*16*300", "LQ*HE*N255");
        Assert.Equal((1, first), (second.AppealLevel, second.PreviousCaseId)); // a corrected claim is not an appeal level
        Assert.Equal(ResolutionAction.ManualReview, again.Action);
        Assert.Empty(again.Corrections);
        Assert.Contains(again.Evidence, e => e.Check == "Earlier step" && e.Conclusion.Contains("REF*F8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CorrectedClaimDeniedAsADuplicate_IsCheckedAsAReplacement_NotAppealed()
    {
        var (_, _, again) = await CorrectedClaimAnsweredAsync("cc3", "66715", "Q2", "CAS*CO*18*300");
        Assert.Equal((ResolutionAction.ManualReview, DenialCategory.Duplicate), (again.Action, again.Category));
        Assert.Contains(again.Evidence, e => e.Check == "Earlier step" && e.Conclusion.Contains("frequency code 7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonContractedAdvantageReconsideration_Upheld_WaitsForTheIre_DraftsNothing()
    {
        Now();
        await ImportAsync("manc-payer.csv", "payer_id,name,kind,contracted\n66716,Acme Advantage,MedicareAdvantage,false\n");
        await ImportAsync("manc.837", File837("66716", Claim837("W1", "MEM-W1", "99214", "20260105", 300m)));
        var first = await IngestDeniedAsync("manc-den1", Remit("66716", "20260202",
            Clp("W1", "4", 300m, 0m, "ICN-W1A", "MEM-W1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        var level1 = await ResearchAsync(first);
        Assert.Equal(ResolutionAction.Appeal, level1.Action);
        Assert.Contains(level1.Enclosures, e => e.StartsWith("Signed Waiver of Liability", StringComparison.Ordinal));
        await MarkSentAsync(first);

        await IngestAsync("manc-den2", Remit("66716", "20260320",
            Clp("W1", "4", 300m, 0m, "ICN-W1B", "MEM-W1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        var second = (await CasesOfAsync("66716")).Single(c => c.CaseId != first);
        var level2 = await ResearchAsync(second.CaseId);
        Assert.Equal((2, ResolutionAction.ManualReview), (second.AppealLevel, level2.Action));
        Assert.Empty(level2.Enclosures);
        Assert.StartsWith("Await the Independent Review Entity", level2.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(level2.Evidence, e => e.Check == "Medicare Advantage route");
    }

    [Fact]
    public async Task AnEarlierCaseWhoseResearchNoLongerReads_DoesNotStopTheNextOne()
    {
        Now();
        await ImportAsync("oldr.837", File837("66717", Claim837("V1", "MEM-V1", "99214", "20260105", 300m)));
        var first = await IngestDeniedAsync("oldr-den1", Remit("66717", "20260202",
            Clp("V1", "4", 300m, 0m, "ICN-V1A", "MEM-V1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        await ResearchAsync(first);
        await f.Get<CaseStore>().ChangeAsync(first, c =>
        {
            c.ResearchJson = "{\"category\": 42"; // a result of an older shape, or damaged
            return new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver", "test");
        });

        await IngestAsync("oldr-den2", Remit("66717", "20260320",
            Clp("V1", "4", 300m, 0m, "ICN-V1B", "MEM-V1", Svc("99214", 300m, 0m, "20260105", "CAS*CO*193*300"))));
        var second = (await CasesOfAsync("66717")).Single(c => c.CaseId != first);
        var level2 = await ResearchAsync(second.CaseId);
        Assert.Equal((2, ResolutionAction.Appeal, "18"), (second.AppealLevel, level2.Action, level2.Reason));
    }
}
