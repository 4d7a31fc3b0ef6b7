using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Research on imported data: records imported through the records import, remittances through ingest, research and
/// drafting through their handlers. Each test uses its own payer, so they share one store.
/// </summary>
public sealed partial class ResearchRecordsTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Npi = "1922334457";

    // ----- the CO-18 duplicate check on recorded payments -----

    [Fact]
    public async Task DuplicateDenial_OfAServicePaidInAnEarlierFile_IsNoAction()
    {
        Now();
        await ImportAsync("dup.837", File837("33301", Claim837("D1", "MEM-D1", "99213", "20260302", 120m)));
        await IngestAsync("dup-paid", Remit("33301", "20260305", Clp("D1", "1", 120m, 100m, "ICN-D1", "MEM-D1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20"))));
        var id = await IngestDeniedAsync("dup-denied", Remit("33301", "20260312", Clp("D1", "4", 120m, 0m, "ICN-D2", "MEM-D1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));

        var (snapshot, _) = await SnapshotAsync(id);
        var paid = Assert.Single(snapshot.EarlierPaidServices);
        Assert.Equal(("D1", "ICN-D1", "99213", 100m, new DateOnly(2026, 3, 2)), (paid.ClaimId, paid.PayerClaimNumber, paid.Procedure, paid.Paid, paid.ServiceDate));
        Assert.True(snapshot.EarlierPaymentsChecked);

        var research = await ResearchAsync(id);
        Assert.Equal((DenialCategory.Duplicate, ResolutionAction.NoAction), (research.Category, research.Action));
        Assert.Equal("ICN-D1", research.EarlierPayment?.PayerClaimNumber);
        Assert.Contains(research.Evidence, e => e.Found && e.Conclusion.Contains("Claim D1 (payer claim ICN-D1) paid $100.00 for 99213 on 2026-03-02", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Research_ReadsEarlierPayments_OnlyForADenialInTheDuplicateCategory()
    {
        Now();
        await ImportAsync("reads.837", File837("33305", Claim837("E1", "MEM-E1", "99213", "20260302", 120m), Claim837("E2", "MEM-E2", "99214", "20260302", 200m)));
        await IngestAsync("reads-paid", Remit("33305", "20260305", Clp("E1", "1", 120m, 100m, "ICN-E1", "MEM-E1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20"))));
        var duplicate = await IngestDeniedAsync("reads-dup", Remit("33305", "20260312", Clp("E1", "4", 120m, 0m, "ICN-E1B", "MEM-E1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));
        var necessity = await IngestDeniedAsync("reads-mn", Remit("33305", "20260312", Clp("E2", "4", 200m, 0m, "ICN-E2", "MEM-E2", Svc("99214", 200m, 0m, "20260302", "CAS*CO*50*200"))));
        var counter = new GetRequestCounter();
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var handler = ActivatorUtilities.CreateInstance<ResearchHandler>(f.Services, new RecordStore(new Azure.Data.Tables.TableServiceClient(f.Azurite.ConnectionString, options)));

        // Only the duplicate rule reads earlier payments (a point read per member and month): a CO-50 denial makes none.
        await handler.HandleAsync(new ResearchRequested(necessity));
        Assert.Equal(0, counter.Count($"PartitionKey='{PaidService.Kind}-"));
        Assert.Equal(DenialCategory.MedicalNecessity, (await ResearchOfAsync(necessity)).Category);
        await handler.HandleAsync(new ResearchRequested(duplicate));
        Assert.Equal(1, counter.Count($"PartitionKey='{PaidService.Kind}-"));
        var research = await ResearchOfAsync(duplicate);
        Assert.Equal((DenialCategory.Duplicate, ResolutionAction.NoAction, "ICN-E1"), (research.Category, research.Action, research.EarlierPayment?.PayerClaimNumber));
    }

    [Fact]
    public async Task DuplicateDenial_WhoseOriginalPaymentComesLaterInTheSameFile_IsResearchedAfterThePaymentIsRecorded()
    {
        Now();
        await ImportAsync("same.837", File837("33303", Claim837("S1", "MEM-S1", "99213", "20260302", 120m), Claim837("S2", "MEM-S2", "99214", "20260302", 200m)));
        var research = f.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.Queues.DenialResearch);
        await research.CreateIfNotExistsAsync();
        await research.ClearMessagesAsync(); // the other tests of this class leave their research messages (they research directly)

        // In file order: the CO-18 denial (S1), an ordinary denial (S2), then the payment the denial duplicates (S1, ICN-S1).
        await IngestAsync("same-file", Remit("33303", "20260312",
            Clp("S1", "4", 120m, 0m, "ICN-S1B", "MEM-S1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120")),
            Clp("S2", "4", 200m, 0m, "ICN-S2", "MEM-S2", Svc("99214", 200m, 0m, "20260302", "CAS*CO*50*200")),
            Clp("S1", "1", 120m, 100m, "ICN-S1", "MEM-S1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20"))));
        var cases = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PayerId == "33303").ToDictionary(c => c.PatientControlNumber);

        // The duplicate's research is asked for after the file's payments are recorded, so after the ordinary denial's
        // (in the file's last research message, which names several cases: CaseBatch).
        var queued = (await research.PeekMessagesAsync(32)).Value
            .SelectMany(m => JsonSerializer.Deserialize<ResearchRequested>(m.Body.ToString(), MessageJson.Options)!.CaseIds).ToList();
        Assert.Equal([cases["S2"].CaseId, cases["S1"].CaseId], queued);
        var result = await ResearchAsync(cases["S1"].CaseId);
        Assert.Equal((DenialCategory.Duplicate, ResolutionAction.NoAction, "ICN-S1"), (result.Category, result.Action, result.EarlierPayment?.PayerClaimNumber));
    }

    [Fact]
    public async Task DuplicateDenial_IsNotOverturned_ByThePaymentOfTheClaimItDuplicates()
    {
        Now();
        await ImportAsync("orig.837", File837("33306", Claim837("O1", "MEM-O1", "99213", "20260302", 120m)));
        var id = await IngestDeniedAsync("orig-denied", Remit("33306", "20260305", Clp("O1", "4", 120m, 0m, "ICN-O1B", "MEM-O1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));
        // The payer's remittance for the original submission (another payer claim number) arrives after the denial.
        await IngestAsync("orig-paid", Remit("33306", "20260310", Clp("O1", "1", 120m, 100m, "ICN-O1", "MEM-O1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20"))));

        var c = await f.Get<CaseStore>().GetAsync(id);
        Assert.Equal((CaseStatus.New, 0d), (c!.StatusValue, c.RecoveredAmount));
        var research = await ResearchAsync(id);
        Assert.Equal((DenialCategory.Duplicate, ResolutionAction.NoAction, "ICN-O1"), (research.Category, research.Action, research.EarlierPayment?.PayerClaimNumber));
    }

    [Fact]
    public async Task DuplicateDenial_PaidUnderItsOwnClaimNumber_OrNamedAsTheOriginal_IsOverturned()
    {
        Now();
        var same = await IngestDeniedAsync("own-denied", Remit("33307", "20260305", Clp("P1", "4", 120m, 0m, "ICN-P1B", "MEM-P1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));
        var named = await IngestDeniedAsync("named-denied", Remit("33307", "20260305", Clp("Q1", "4", 90m, 0m, "ICN-Q1B", "MEM-Q1", Svc("99212", 90m, 0m, "20260302", "CAS*CO*18*90"))));
        // The denied claim reprocessed and paid: under its own payer claim number, or under a new one naming it in REF*F8.
        await IngestAsync("own-paid", Remit("33307", "20260320",
            Clp("P1", "1", 120m, 100m, "ICN-P1B", "MEM-P1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20")),
            ClpWithReference("Q1", "1", 90m, 70m, "ICN-Q1C", "MEM-Q1", Svc("99212", 90m, 70m, "20260302", "CAS*CO*45*20"), "REF*F8*ICN-Q1B")));

        foreach (var (id, recovered) in new[] { (same, 100d), (named, 70d) })
        {
            var c = await f.Get<CaseStore>().GetAsync(id);
            Assert.Equal((CaseStatus.Overturned, recovered), (c!.StatusValue, c.RecoveredAmount));
        }
    }

    [Fact]
    public async Task DuplicateDenial_AfterTheEarlierPaymentWasReversed_IsAppealed()
    {
        Now();
        await ImportAsync("rev.837", File837("33302", Claim837("R1", "MEM-R1", "99213", "20260302", 120m)));
        await IngestAsync("rev-paid", Remit("33302", "20260305", Clp("R1", "1", 120m, 100m, "ICN-R1", "MEM-R1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20"))));
        await IngestAsync("rev-reversed", Remit("33302", "20260306", Clp("R1", "22", -120m, -100m, "ICN-R1", "MEM-R1", Svc("99213", -120m, -100m, "20260302", "CAS*CO*45*-20"))));
        var id = await IngestDeniedAsync("rev-denied", Remit("33302", "20260312", Clp("R1", "4", 120m, 0m, "ICN-R2", "MEM-R1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));

        var (snapshot, _) = await SnapshotAsync(id);
        Assert.Empty(snapshot.EarlierPaidServices);
        Assert.True(snapshot.EarlierPaymentsChecked);
        Assert.Equal(ResolutionAction.Appeal, (await ResearchAsync(id)).Action);
    }

    [Fact]
    public async Task DuplicateDenial_PaymentFileDroppedAgainAfterItsReversal_StaysReversed()
    {
        Now();
        await ImportAsync("rerev.837", File837("33308", Claim837("D1", "MEM-D1", "99213", "20260302", 120m)));
        var paid = Remit("33308", "20260305", Clp("D1", "1", 120m, 100m, "ICN-D1", "MEM-D1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20")));
        await IngestAsync("rerev-paid", paid);
        await IngestAsync("rerev-reversed", Remit("33308", "20260306", Clp("D1", "22", -120m, -100m, "ICN-D1", "MEM-D1", Svc("99213", -120m, -100m, "20260302", "CAS*CO*45*-20"))));
        // The clearinghouse delivers the original payment file again, under another name.
        await IngestAsync("rerev-paid-again", paid);
        var id = await IngestDeniedAsync("rerev-denied", Remit("33308", "20260312", Clp("D1", "4", 120m, 0m, "ICN-D2", "MEM-D1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));

        var (snapshot, _) = await SnapshotAsync(id);
        Assert.Empty(snapshot.EarlierPaidServices);
        Assert.Equal(ResolutionAction.Appeal, (await ResearchAsync(id)).Action);
    }

    [Fact]
    public async Task DuplicateDenial_PaidAgainAfterTheReversal_FindsTheNewPayment()
    {
        Now();
        await ImportAsync("repay.837", File837("33309", Claim837("E1", "MEM-E1", "99213", "20260302", 120m), Claim837("E2", "MEM-E2", "99214", "20260302", 200m)));
        await IngestAsync("repay-paid", Remit("33309", "20260305",
            Clp("E1", "1", 120m, 100m, "ICN-E1", "MEM-E1", Svc("99213", 120m, 100m, "20260302", "CAS*CO*45*20"))));
        // E1 reversed and paid again on a later remittance; E2 reversed and reprocessed on one remittance (the usual pair).
        await IngestAsync("repay-reversed", Remit("33309", "20260306", Clp("E1", "22", -120m, -100m, "ICN-E1", "MEM-E1", Svc("99213", -120m, -100m, "20260302", "CAS*CO*45*-20"))));
        await IngestAsync("repay-repaid", Remit("33309", "20260308", Clp("E1", "1", 120m, 110m, "ICN-E1C", "MEM-E1", Svc("99213", 120m, 110m, "20260302", "CAS*CO*45*10"))));
        await IngestAsync("repay-pair", Remit("33309", "20260309",
            Clp("E2", "22", -200m, -150m, "ICN-E2", "MEM-E2", Svc("99214", -200m, -150m, "20260302", "CAS*CO*45*-50")),
            Clp("E2", "1", 200m, 160m, "ICN-E2C", "MEM-E2", Svc("99214", 200m, 160m, "20260302", "CAS*CO*45*40"))));
        var e1 = await IngestDeniedAsync("repay-denied1", Remit("33309", "20260312", Clp("E1", "4", 120m, 0m, "ICN-E1D", "MEM-E1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));
        var e2 = await IngestDeniedAsync("repay-denied2", Remit("33309", "20260312", Clp("E2", "4", 200m, 0m, "ICN-E2D", "MEM-E2", Svc("99214", 200m, 0m, "20260302", "CAS*CO*18*200"))));

        foreach (var (id, icn) in new[] { (e1, "ICN-E1C"), (e2, "ICN-E2C") })
        {
            var (snapshot, _) = await SnapshotAsync(id);
            Assert.Equal(icn, Assert.Single(snapshot.EarlierPaidServices).PayerClaimNumber);
            Assert.Equal(ResolutionAction.NoAction, (await ResearchAsync(id)).Action);
        }
    }

    [Fact]
    public async Task DuplicateAppeal_NothingPaidBefore_LetterSaysTheRemittancesWereChecked()
    {
        Now();
        await ImportAsync("dupn.837", File837("33303", Claim837("N1", "MEM-N1", "99213", "20260302", 120m)));
        var id = await IngestDeniedAsync("dupn-denied", Remit("33303", "20260312", Clp("N1", "4", 120m, 0m, "ICN-N1", "MEM-N1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));

        var research = await ResearchAsync(id);
        Assert.Equal(ResolutionAction.Appeal, research.Action);
        Assert.True(research.EarlierPaymentsChecked);
        var html = await DraftAsync(id);
        Assert.Contains("The remittances we have received from you for this patient show no earlier payment", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not a duplicate: no earlier claim was paid", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateAppeal_WithNoMemberIdToLookUp_LetterDoesNotClaimACheck()
    {
        Now();
        await ImportAsync("dupx.837", File837("33304", Claim837("X1", null, "99213", "20260302", 120m)));
        var id = await IngestDeniedAsync("dupx-denied", Remit("33304", "20260312", Clp("X1", "4", 120m, 0m, "ICN-X1", null, Svc("99213", 120m, 0m, "20260302", "CAS*CO*18*120"))));

        var research = await ResearchAsync(id);
        Assert.Equal(ResolutionAction.Appeal, research.Action);
        Assert.False(research.EarlierPaymentsChecked);
        Assert.Contains(research.Evidence, e => !e.Found && e.Conclusion.Contains("could not be checked", StringComparison.Ordinal));
        var html = await DraftAsync(id);
        Assert.Contains("Please identify the earlier claim you consider this claim to duplicate", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no earlier payment", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no earlier claim was paid", html, StringComparison.OrdinalIgnoreCase);
    }

    // ----- the CO-45 check on imported contract rates -----

    [Fact]
    public async Task ContractRates_ImportedAsRecords_DecideTheUnderpaidLine()
    {
        Now();
        const string rates = """
            payer_id,procedure,modifier,rate,effective_from,effective_to
            44401,99214,,200.00,2025-01-01,2025-12-31
            44401,99214,,110.00,2026-01-01,
            44401,99214,,abc,,
            44401,97110,GP,45.00,,
            """;
        var (report, _, _) = await f.Get<RecordsImport>().ImportAsync("rates.csv", Encoding.UTF8.GetBytes(rates));
        Assert.Equal("contract rates CSV", report.Format);
        Assert.Equal(3, report.Stored[ContractRate.Kind]);
        var rejected = Assert.Single(report.Rejections);
        Assert.Equal(4, rejected.Row);
        Assert.Contains("rate 'abc'", rejected.Reason, StringComparison.Ordinal);

        await ImportAsync("k.837", File837("44401", Claim837("K1", "MEM-K1", "99215", "20260310", 200m, ("99214", 180m))));
        var id = await IngestDeniedAsync("k-denied", Remit("44401", "20260320", Clp("K1", "1", 380m, 80m, "ICN-K1", "MEM-K1",
            Svc("99215", 200m, 0m, "20260310", "CAS*CO*50*200"),
            Svc("99214", 180m, 80m, "20260310", "CAS*CO*45*100", "AMT*B6*80"))));

        var (snapshot, _) = await SnapshotAsync(id);
        Assert.Equal([110m, 200m], snapshot.ContractRates.Select(r => r.Amount).Order());
        Assert.All(snapshot.ContractRates, r => Assert.Equal(("44401", "99214"), (r.PayerId, r.Procedure)));

        var research = await ResearchAsync(id);
        Assert.Equal(DenialCategory.MedicalNecessity, research.Category); // the CO-50 line dominates
        var underpaid = Assert.Single(research.Lines, l => l.LineIndex == 1);
        Assert.Equal("99214", underpaid.Procedure);
        Assert.Equal((DenialCategory.Contractual, ResolutionAction.Appeal), (underpaid.Category, underpaid.Action));
        Assert.Contains("$30.00 below the contracted $110.00", underpaid.Conclusion, StringComparison.Ordinal); // the 2026 rate, not 2025's
    }

    // ----- claim matching on imported 837s -----

    [Fact]
    public async Task CorrectedClaim_IsMatchedByItsOriginalReference_WhenTheRemittanceNamesNoMember()
    {
        Now();
        await ImportAsync("c.837", File837("55501", Claim837("C1-R", "MEM-C1", "99213", "20260302", 120m, frequency: "7", originalReference: "ICN-C1-ORIG")));
        // The payer echoes neither our claim id nor a member id, only REF*F8.
        var id = await IngestDeniedAsync("c-denied", Remit("55501", "20260312", ClpWithReference("PAYER-SIDE-9", "4", 120m, 0m, "ICN-C1-NEW", null,
            Svc("99213", 120m, 0m, "20260302", "CAS*CO*16*120"), "REF*F8*ICN-C1-ORIG")));

        var (snapshot, match) = await SnapshotAsync(id);
        var matched = Assert.IsType<ClaimMatched>(match);
        Assert.Equal((ClaimMatchMethod.OriginalReference, "C1-R"), (matched.Method, matched.Claim.ClaimId));
        Assert.Equal(new DateOnly(2026, 3, 5), snapshot.Claim!.SubmissionDate); // BHT04
        Assert.Equal("C1-R", (await ResearchAsync(id)).MatchedClaimId);
    }

    [Fact]
    public async Task PayerClaimNumber_From277CA_MatchesARemittanceByClp07()
    {
        Now();
        await ImportAsync("p.837", File837("55502", Claim837("P1", "MEM-P1", "99213", "20260302", 120m)));
        var ack = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC01       *260306*0800*^*00501*000000778*0*P*:~\n" +
            "GS*HN*PAYER*CLINIC01*20260306*0800*778*X*005010X214~\nST*277*0001*005010X214~\nBHT*0085*08*277X214*20260306*0800*TH~\n" +
            "HL*1**20*1~\nNM1*PR*2*PAYER 55502*****PI*55502~\n" +
            "HL*4*3*PT~\nNM1*QC*1*DOE*JANE****MI*MEM-P1~\nTRN*2*P1~\nSTC*A2:20*20260306*WQ*120~\nREF*1K*ICN-P1~\nDTP*472*D8*20260302~\n" +
            "SE*11*0001~\nGE*1*778~\nIEA*1*000000778~\n";
        var (report, _, _) = await f.Get<RecordsImport>().ImportAsync("p.277", Encoding.ASCII.GetBytes(ack));
        Assert.Equal(1, report.Stored[SubmittedClaim.Kind]);
        // Patient control number garbled by the payer, no member id: only CLP07 can tie it back.
        var id = await IngestDeniedAsync("p-denied", Remit("55502", "20260312", Clp("P1-GARBLED", "4", 120m, 0m, "ICN-P1", null,
            Svc("99213", 120m, 0m, "20260302", "CAS*CO*16*120"))));

        var (snapshot, match) = await SnapshotAsync(id);
        var matched = Assert.IsType<ClaimMatched>(match);
        Assert.Equal((ClaimMatchMethod.PayerClaimNumber, "P1", "ICN-P1"), (matched.Method, matched.Claim.ClaimId, snapshot.Claim!.PayerClaimNumber));
        Assert.Single(snapshot.SubmissionProofs); // the 999 batch key survived the update: the proof is still found by claim id
    }

    // ----- the next appeal level's own clock -----

    [Fact]
    public async Task UpheldMedicareAppeal_TheNextLevelCase_IsResearchedWithTheReconsiderationDeadline()
    {
        Now();
        await ImportAsync("lvl.837", File837("66601", Claim837("L2", "MEM-L2", "99214:KX", "20260105", 300m)));
        // A CO-4 for the KX the claim carried and the MAC dropped is a redetermination (a reopening does not restore KX).
        var first = await IngestDeniedAsync("lvl-den1", Medicare(Remit("66601", "20260202",
            Clp("L2", "4", 300m, 0m, "ICN-L2A", "MEM-L2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*4*300")))));
        var level1 = await ResearchAsync(first);
        Assert.Equal(ResolutionAction.Appeal, level1.Action);
        Assert.Equal(new DateOnly(2026, 6, 7), level1.Deadline!.Date); // redetermination: 02-02 + 5 + 120 days
        var store = f.Get<CaseStore>();
        await store.ChangeAsync(first, _ => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver", "test"));

        // The payer denies again after the appeal: the appeal is upheld and level 2 opens with its own clock.
        await IngestAsync("lvl-den2", Medicare(Remit("66601", "20260320",
            Clp("L2", "4", 300m, 0m, "ICN-L2B", "MEM-L2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*4*300")))));
        var cases = (await store.ListAsync()).Where(c => c.PayerId == "66601").ToList();
        Assert.Equal(CaseStatus.Upheld, cases.Single(c => c.CaseId == first).StatusValue);
        var second = cases.Single(c => c.CaseId != first);
        Assert.Equal((2, first), (second.AppealLevel, second.PreviousCaseId));
        var level2 = await ResearchAsync(second.CaseId);
        Assert.Equal(ResolutionAction.Appeal, level2.Action);
        Assert.Equal(new DateOnly(2026, 9, 21), level2.Deadline!.Date); // reconsideration: 03-20 + 5 + 180 days
        Assert.Contains("reconsideration", level2.Deadline.Rule, StringComparison.OrdinalIgnoreCase);
        // The priority's urgency counts the reconsideration's days left (180 on 2026-03-25), not the redetermination's (120).
        Assert.Equal(180, level2.Deadline.DaysLeft);
        Assert.Contains("180 days left", level2.Priority.Explanation, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 9, 21, 0, 0, 0, DateTimeKind.Utc), (await store.GetAsync(second.CaseId))!.Deadline);
        // Filed with the QIC the redetermination names, never the MAC: the evidence says so and the letter asks for it.
        Assert.Contains(level2.Evidence, e => e.Conclusion.Contains("named on the redetermination notice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpheldCommercialAppeal_TheNextLevel_RunsOnTheProfilesWindowForLaterLevels()
    {
        Now();
        await ImportAsync("lvlc-payer.csv", "payer_id,name,appeal_window_days,later_level_appeal_days\n66602,Acme Commercial,90,60\n");
        await ImportAsync("lvlc.837", File837("66602", Claim837("C2", "MEM-C2", "99214", "20260105", 300m)));
        // A CO-18 with no earlier payment on this payer's remittances is appealed (not paid before).
        var first = await IngestDeniedAsync("lvlc-den1", Remit("66602", "20260202",
            Clp("C2", "4", 300m, 0m, "ICN-C2A", "MEM-C2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        var level1 = await ResearchAsync(first);
        Assert.Equal(ResolutionAction.Appeal, level1.Action);
        Assert.Equal(new DateOnly(2026, 5, 3), level1.Deadline!.Date); // 02-02 + 90 days
        var store = f.Get<CaseStore>();
        await store.ChangeAsync(first, _ => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver", "test"));

        await IngestAsync("lvlc-den2", Remit("66602", "20260320",
            Clp("C2", "4", 300m, 0m, "ICN-C2B", "MEM-C2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        var second = (await store.ListAsync()).Single(c => c.PayerId == "66602" && c.CaseId != first);
        Assert.Equal(2, second.AppealLevel);
        var level2 = await ResearchAsync(second.CaseId);
        Assert.Equal(ResolutionAction.Appeal, level2.Action);
        Assert.Equal(new DateOnly(2026, 5, 19), level2.Deadline!.Date); // 03-20 + 60 days, not the first level's 90
        Assert.Contains("later levels", level2.Deadline.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpheldMedicareAdvantageAppeal_TheNextLevel_SaysThePlanForwardsToTheIre()
    {
        Now();
        await ImportAsync("lvlma-payer.csv", "payer_id,name,kind\n66603,Acme Advantage,MedicareAdvantage\n");
        await ImportAsync("lvlma.837", File837("66603", Claim837("M2", "MEM-M2", "99214", "20260105", 300m)));
        var first = await IngestDeniedAsync("lvlma-den1", Remit("66603", "20260202",
            Clp("M2", "4", 300m, 0m, "ICN-M2A", "MEM-M2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        var level1 = await ResearchAsync(first);
        Assert.Equal(ResolutionAction.Appeal, level1.Action);
        Assert.DoesNotContain(level1.Evidence, e => e.Conclusion.Contains("Independent Review Entity", StringComparison.Ordinal));
        var store = f.Get<CaseStore>();
        await store.ChangeAsync(first, _ => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver", "test"));

        await IngestAsync("lvlma-den2", Remit("66603", "20260320",
            Clp("M2", "4", 300m, 0m, "ICN-M2B", "MEM-M2", Svc("99214", 300m, 0m, "20260105", "CAS*CO*18*300"))));
        var second = (await store.ListAsync()).Single(c => c.PayerId == "66603" && c.CaseId != first);
        var level2 = await ResearchAsync(second.CaseId);
        Assert.Equal((2, ResolutionAction.Appeal), (second.AppealLevel, level2.Action));
        Assert.Contains(level2.Evidence, e => e.Conclusion.Contains("forwards the case to the Independent Review Entity (42 CFR 422.590, 422.592)", StringComparison.Ordinal));
    }

    /// <summary>The remittance as Original Medicare Part B sends it (CLP06 MB).</summary>
    private static string Medicare(string remit) => remit.Replace("*0*CI*", "*0*MB*", StringComparison.Ordinal);

    // ----- helpers -----

    // ----- Original Medicare's ABN log -----

    [Fact]
    public async Task MedicalNecessityDenial_OnMedicare_WithTheAbnFromTheImportedLog_AsksForARedeterminationAddingGA()
    {
        Now();
        await ImportAsync("abn-payer.csv", "payer_id,name,kind\n33320,Medicare Part B,Medicare\n");
        await ImportAsync("abn.837", File837("33320", Claim837("G1", "MEM-G1", "99213", "20260302", 120m), Claim837("G2", "MEM-G2", "99214", "20260302", 200m)));
        // An ABN log as a practice exports it (a notifier NPI column must not make it a providers file).
        await ImportAsync("abn-log.csv", "ABN ID,Member ID,Procedure Codes,Signed Date,Option,Notifier NPI\nABN-G1,MEM-G1,99213 80061,02/27/2026,1,1234567893\n");
        var covered = await IngestDeniedAsync("abn-denied", Remit("33320", "20260312", Clp("G1", "4", 120m, 0m, "ICN-G1", "MEM-G1", Svc("99213", 120m, 0m, "20260302", "CAS*CO*50*120"))));
        var uncovered = await IngestDeniedAsync("abn-none", Remit("33320", "20260312", Clp("G2", "4", 200m, 0m, "ICN-G2", "MEM-G2", Svc("99214", 200m, 0m, "20260302", "CAS*CO*50*200"))));

        var (snapshot, _) = await SnapshotAsync(covered);
        Assert.True(snapshot.AdvanceNoticesChecked);
        var abn = Assert.Single(snapshot.AdvanceNotices);
        Assert.Equal(("ABN-G1", new DateOnly(2026, 2, 27), 1), (abn.Id, abn.SignedDate, abn.Option));
        var research = await ResearchAsync(covered);
        Assert.Equal((DenialCategory.MedicalNecessity, ResolutionAction.Appeal), (research.Category, research.Action));
        Assert.Contains("add modifier GA to line 1 (99213)", research.Summary, StringComparison.Ordinal);
        Assert.Contains(research.Enclosures, e => e.StartsWith("Signed Advance Beneficiary Notice", StringComparison.Ordinal));

        var none = await ResearchAsync(uncovered);
        Assert.Contains(none.Evidence, e => !e.Found && e.Conclusion.StartsWith("No ABN on file lists 99214", StringComparison.Ordinal));
    }

    private void Now()
    {
        var now = new DateTimeOffset(2026, 3, 25, 10, 0, 0, TimeSpan.Zero);
        if (f.Time.GetUtcNow() < now) f.Time.SetUtcNow(now);
    }

    private async Task ImportAsync(string name, string text)
    {
        var (report, _, _) = await f.Get<RecordsImport>().ImportAsync(name, Encoding.ASCII.GetBytes(text));
        Assert.Empty(report.Rejections);
        Assert.True(report.Total > 0);
    }

    private async Task IngestAsync(string name, string text)
    {
        var drop = await f.Get<DropClient>().DropAsync(name + ".835", Encoding.ASCII.GetBytes(text), enqueue: false);
        var file = await f.Get<IngestHandler>().IngestBlobAsync(drop.BlobName);
        Assert.Equal(0, file.ErrorCount);
    }

    private async Task<string> IngestDeniedAsync(string name, string text)
    {
        await IngestAsync(name, text);
        var all = await f.Get<CaseStore>().ListAsync();
        var pcn = text.Split("CLP*")[1].Split('*')[0];
        return all.Single(c => c.PatientControlNumber == pcn && c.PayerId == text.Split("REF*2U*")[1].Split('~')[0]).CaseId;
    }

    private async Task<(RecordsSnapshot Snapshot, ClaimMatch Match)> SnapshotAsync(string caseId)
    {
        var c = await f.Get<CaseStore>().GetAsync(caseId);
        var payload = RemittancePayload.FromBytes(c!.RemittancePayload)!;
        return await f.Get<RecordStore>().SnapshotAsync(payload.Transaction, payload.Claim);
    }

    private async Task<ResearchResult> ResearchAsync(string caseId)
    {
        await f.Get<ResearchHandler>().HandleAsync(new ResearchRequested(caseId));
        return await ResearchOfAsync(caseId);
    }

    private async Task<ResearchResult> ResearchOfAsync(string caseId)
    {
        var c = await f.Get<CaseStore>().GetAsync(caseId);
        return JsonSerializer.Deserialize<ResearchResult>(c!.ResearchJson!, MessageJson.Options)!;
    }

    private async Task<string> DraftAsync(string caseId)
    {
        await f.Get<DraftHandler>().HandleAsync(new DraftRequested(caseId));
        var c = await f.Get<CaseStore>().GetAsync(caseId);
        var letterId = Assert.Single(c!.LetterIdList);
        return (await f.Get<LetterStore>().ReadVersionAsync(letterId, 1))!;
    }

    private static string A(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Svc(string procedure, decimal charge, decimal paid, string date, params string[] more) =>
        $"SVC*HC:{procedure}*{A(charge)}*{A(paid)}~\nDTM*472*{date}~\n" + string.Concat(more.Select(m => m + "~\n"));

    private static string Clp(string pcn, string status, decimal charge, decimal paid, string icn, string? member, params string[] lines) =>
        Clp(pcn, status, charge, paid, icn, member, lines, null);

    private static string ClpWithReference(string pcn, string status, decimal charge, decimal paid, string icn, string? member, string line, string reference) =>
        Clp(pcn, status, charge, paid, icn, member, [line], reference);

    private static string Clp(string pcn, string status, decimal charge, decimal paid, string icn, string? member, string[] lines, string? references) =>
        $"CLP*{pcn}*{status}*{A(charge)}*{A(paid)}*0*CI*{icn}*11*1~\n" +
        (member is null ? "NM1*QC*1*DOE*JANE~\n" : $"NM1*QC*1*DOE*JANE****MI*{member}~\n") +
        $"NM1*82*1*CHEN*LISA****XX*{Npi}~\n" + (references is null ? "" : references + "~\n") + string.Concat(lines);

    private static string Remit(string payer, string date, params string[] claims)
    {
        var body = $"ST*835*0001*005010X221A1~\nBPR*I*0*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*{date}~\n" +
            $"TRN*1*TR{payer}{date}*1512345678~\nDTM*405*{date}~\nN1*PR*PAYER {payer}*XV*{payer}~\nREF*2U*{payer}~\n" +
            "N1*PE*RIVERSIDE FAMILY CLINIC*XX*1234567893~\nLX*1~\n" + string.Concat(claims);
        var count = body.Split('~').Length; // segments + the SE itself
        return "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC01       *260312*0930*^*00501*000000202*0*P*:~\n" +
            $"GS*HP*PAYER*CLINIC01*{date}*0930*202*X*005010X221A1~\n" + body + $"SE*{count}*0001~\nGE*1*202~\nIEA*1*000000202~\n";
    }

    private static string Claim837(string pcn, string? member, string procedure, string date, decimal charge, (string Procedure, decimal Charge)? second = null,
        string frequency = "1", string? originalReference = null)
    {
        var total = charge + (second?.Charge ?? 0m);
        var s = "HL*{HL}*1*22*0~\nSBR*P*18*******CI~\n" +
            (member is null ? "NM1*IL*1*DOE*JANE~\n" : $"NM1*IL*1*DOE*JANE****MI*{member}~\n") +
            "NM1*PR*2*PAYER*****PI*{PAYER}~\n" +
            $"CLM*{pcn}*{A(total)}***11:B:{frequency}*Y*A*Y*Y~\n" + (originalReference is null ? "" : $"REF*F8*{originalReference}~\n") +
            "HI*ABK:I10~\n" + $"NM1*82*1*CHEN*LISA****XX*{Npi}~\n" +
            $"LX*1~\nSV1*HC:{procedure}*{A(charge)}*UN*1***1~\nDTP*472*D8*{date}~\n";
        if (second is { } l) s += $"LX*2~\nSV1*HC:{l.Procedure}*{A(l.Charge)}*UN*1***1~\nDTP*472*D8*{date}~\n";
        return s;
    }

    private static string File837(string payer, params string[] claims)
    {
        var body = "ST*837*0001*005010X222A1~\nBHT*0019*00*0001*20260305*1200*CH~\nNM1*41*2*RIVERSIDE FAMILY CLINIC*****46*CLINIC01~\n" +
            "HL*1**20*1~\nNM1*85*2*RIVERSIDE FAMILY CLINIC*****XX*1234567893~\n" +
            string.Concat(claims.Select((c, i) => c.Replace("{HL}", (i + 2).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{PAYER}", payer, StringComparison.Ordinal)));
        var count = body.Split('~').Length;
        return "ISA*00*          *00*          *ZZ*CLINIC01       *ZZ*CLEARINGHOUSE  *260305*1200*^*00501*000000901*0*P*:~\n" +
            $"GS*HC*CLINIC01*CLEARINGHOUSE*20260306*1200*{payer}*X*005010X222A1~\n" + body + $"SE*{count}*0001~\nGE*1*{payer}~\nIEA*1*000000901~\n";
    }
}
