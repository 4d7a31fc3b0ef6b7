using DenialPipeline.Api;
using DenialPipeline.Operations;
using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using static DenialPipeline.Resolution.Tests.Scenario;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Three months, two payers, two providers, two coders: denials, appeals, a full overturn, an upheld appeal (next level),
/// a partial overturn (level 3 for the rest), a reversal that reopens an overturn, a write-off, a rebill and a missed
/// deadline. Every figure is checked against numbers worked out by hand (in the comments).
/// </summary>
public sealed class MetricsScenarioTests(MetricsScenarioTests.Fixture f) : IClassFixture<MetricsScenarioTests.Fixture>
{
    public sealed class Fixture : StorageFixture
    {
        public MetricsReport Report { get; private set; } = null!;
        public Dictionary<string, CaseEntity> Cases { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await PlayAsync();
        }

        private async Task PlayAsync()
        {
            var s = new Scenario(this);
            // January: ACME (file J1, 2026-01-10) and BETA (file J2, 2026-01-20).
            s.At(2026, 1, 10);
            await s.IngestAsync("J1", Acme, D(2026, 1, 10),
                Clp.DeniedClaim("A1", "IA1", 1000m, N1, "50"),
                Clp.DeniedClaim("B1", "IB1", 500m, N2, "197"),
                Clp.PaidClaim("C1", "IC1", 200m, 150m, N1),
                Clp.PaidClaim("D1", "ID1", 300m, 300m, N2));
            s.At(2026, 1, 20);
            await s.IngestAsync("J2", Beta, D(2026, 1, 20),
                Clp.DeniedClaim("E1", "IE1", 800m, N1, "16"),
                Clp.PaidClaim("F1", "IF1", 100m, 80m, N1),
                Clp.DeniedClaim("L1", "IL1", 700m, N2, "50"));
            s.At(2026, 1, 21);
            var (a, b, e, l) = (await s.CaseAsync("A1"), await s.CaseAsync("B1"), await s.CaseAsync("E1"), await s.CaseAsync("L1"));
            await s.AssignAsync(a.CaseId, "MedicalNecessity", "alice", Dt(2026, 5, 10));
            await s.AssignAsync(b.CaseId, "Authorization", "bob", Dt(2026, 3, 1));
            await s.AssignAsync(e.CaseId, "MissingInformation", "alice", Dt(2026, 2, 15));
            await s.AssignAsync(l.CaseId, "MedicalNecessity", "bob", Dt(2026, 4, 15));
            s.At(2026, 1, 25); await s.AppealAsync(a.CaseId, "alice");
            s.At(2026, 1, 26); await s.AppealAsync(b.CaseId, "bob");
            s.At(2026, 1, 28); await s.AppealAsync(l.CaseId, "bob");
            await Get<MetricsRollup>().RunAsync();

            // February (ACME, F1, 2026-02-14): A paid (overturned), B denied again (upheld → level 2), G denied, H paid.
            s.At(2026, 2, 14);
            await s.IngestAsync("F1", Acme, D(2026, 2, 14),
                Clp.PaidClaim("A1", "IA1", 1000m, 900m, N1),
                Clp.DeniedClaim("B1", "IB2", 500m, N2, "197"),
                Clp.DeniedClaim("G1", "IG1", 400m, N2, "50"),
                Clp.PaidClaim("H1", "IH1", 250m, 250m, N1));
            Cases["A-overturned"] = await s.CaseAsync("A1");
            Cases["B"] = await Get<CaseStore>().GetAsync(b.CaseId) ?? throw new InvalidOperationException();
            var (b2, g) = (await s.CaseAsync("B1", "IB2"), await s.CaseAsync("G1"));
            Cases["B2-opened"] = b2;
            s.At(2026, 2, 15);
            await s.AssignAsync(b2.CaseId, "Authorization", "bob", Dt(2026, 4, 15));
            await s.AssignAsync(g.CaseId, "MedicalNecessity", "bob", Dt(2026, 4, 1));
            s.At(2026, 2, 20);
            Assert.Equal(Outcome.Done, (await Get<ResolutionHandler>().CloseAsync(e.CaseId, "WrittenOff", "Balance below the write-off threshold", "user:alice")).Outcome);
            await s.AppealAsync(b2.CaseId, "bob");
            await Get<MetricsRollup>().RunAsync();

            // March: BETA (M1, 03-05): K denied, L paid in full. ACME (M2, 03-12): B paid in part (the rest denied → level 3), A's payment reversed.
            s.At(2026, 3, 5);
            await s.IngestAsync("M1", Beta, D(2026, 3, 5),
                Clp.DeniedClaim("K1", "IK1", 600m, N2, "50"),
                Clp.PaidClaim("L1", "IL1", 700m, 700m, N2));
            s.At(2026, 3, 6);
            var k = await s.CaseAsync("K1");
            await s.AssignAsync(k.CaseId, "MedicalNecessity", "alice", Dt(2026, 3, 20));
            await Get<MetricsRollup>().RunAsync();
            s.At(2026, 3, 12);
            await s.IngestAsync("M2", Acme, D(2026, 3, 12),
                new Clp("B1", "1", 500m, 300m, "IB3", N2, [("CO", "197", 200m)]),
                new Clp("A1", "22", -1000m, -900m, "IA1", N1, [("CO", "45", -100m)]));
            s.At(2026, 3, 13);
            var b3 = await s.CaseAsync("B1", "IB3");
            await s.AssignAsync(b3.CaseId, "Authorization", "bob", null);
            s.At(2026, 3, 20);
            Assert.Equal(Outcome.Done, (await Get<ResolutionHandler>().CloseAsync(g.CaseId, "Rebilled", "Sent to the right payer", "user:bob")).Outcome);
            s.At(2026, 3, 21, 6);
            await Get<DeadlineSweep>().RunAsync();

            s.At(2026, 3, 31);
            await Get<MetricsRollup>().RunAsync();
            foreach (var (key, pcn, icn) in new[] { ("A", "A1", (string?)null), ("B2", "B1", "IB2"), ("B3", "B1", "IB3"), ("E", "E1", null), ("G", "G1", null), ("K", "K1", null), ("L", "L1", null) })
                Cases[key] = await s.CaseAsync(pcn, icn);
            Cases["B"] = await Get<CaseStore>().GetAsync(b.CaseId) ?? throw new InvalidOperationException();
            Report = await ReportAsync(new() { ["from"] = "2026-01", ["to"] = "2026-03" });
        }

        public async Task<MetricsReport> ReportAsync(Dictionary<string, StringValues> query)
        {
            var (report, error) = await Get<MetricsApi>().ReportAsync(new QueryCollection(query));
            Assert.Null(error);
            return report!;
        }
    }

    private static void Figures(MetricsFigures f, long received, decimal amountReceived, long denied, decimal amountDenied, double? denialRate,
        long overturned, long partial, long upheld, long writtenOff, long rebilled, double? overturnRate, decimal recovered,
        double? median, int? p90, long letters, long missed)
    {
        Assert.Equal(
            (received, amountReceived, denied, amountDenied, denialRate, overturned, partial, upheld, writtenOff, 0L, rebilled, overturned + partial + upheld + writtenOff + rebilled, overturnRate, recovered, median, p90, letters, missed),
            (f.ClaimsReceived, f.AmountReceived, f.ClaimsDenied, f.AmountDenied, f.DenialRate, f.Overturned, f.PartiallyOverturned, f.Upheld, f.WrittenOff, f.PatientBilled, f.Rebilled, f.Resolved, f.OverturnRate, f.AmountRecovered, f.MedianDaysToResolution, f.P90DaysToResolution, f.LettersApproved, f.DeadlinesMissed));
    }

    [Fact]
    public void Resolution_StatusesLevelsAndAmounts()
    {
        var c = f.Cases;
        // A was overturned by the February payment (900 after 35 days), then the payment was reversed: open again as Sent.
        Assert.Equal(CaseStatus.Overturned, c["A-overturned"].StatusValue);
        Assert.Equal(900d, c["A-overturned"].RecoveredAmount);
        Assert.Equal(35, c["A-overturned"].DaysToResolution);
        Assert.Equal(CaseStatus.Sent, c["A"].StatusValue);
        Assert.Equal(0d, c["A"].RecoveredAmount);
        // B's appeal upheld on the second denial; B2 is level 2; B2 partially overturned (300 after 26 days); B3 is level 3.
        Assert.Equal(CaseStatus.Upheld, c["B"].StatusValue);
        Assert.Equal(35, c["B"].DaysToResolution);
        Assert.Equal(c["B2"].CaseId, c["B"].NextCaseId);
        Assert.Equal((2, c["B"].CaseId), (c["B2"].AppealLevel, c["B2"].PreviousCaseId));
        Assert.Equal(CaseStatus.PartiallyOverturned, c["B2"].StatusValue);
        Assert.Equal((300d, 26), (c["B2"].RecoveredAmount, c["B2"].DaysToResolution));
        Assert.Equal((3, c["B2"].CaseId, 200d), (c["B3"].AppealLevel, c["B3"].PreviousCaseId, c["B3"].DeniedAmount));
        Assert.Equal(CaseStatus.Overturned, c["L"].StatusValue);
        Assert.Equal((700d, 44), (c["L"].RecoveredAmount, c["L"].DaysToResolution));
        Assert.Equal((CaseStatus.WrittenOff, 31, "Balance below the write-off threshold"), (c["E"].StatusValue, c["E"].DaysToResolution, c["E"].ResolutionReason));
        Assert.Equal((CaseStatus.Rebilled, 34), (c["G"].StatusValue, c["G"].DaysToResolution));
        Assert.True(c["K"].DeadlineMissed);
    }

    [Fact]
    public async Task History_RecordsEveryResolutionChange()
    {
        var store = f.Get<CaseStore>();
        var a = (await store.HistoryAsync(f.Cases["A"].CaseId)).Select(h => (h.Event, h.ToStatus)).ToList();
        Assert.Equal([("Opened", "New"), ("Researched", "Researched"), ("LetterApproved", "Approved"), ("LetterSent", "Sent"), ("Overturned", "Overturned"), ("Reopened", "Sent")], a);
        var b3 = (await store.HistoryAsync(f.Cases["B3"].CaseId)).Select(h => h.Event).ToList();
        Assert.Equal(["Opened", "NextAppealLevel", "Researched"], b3);
        var e = await store.HistoryAsync(f.Cases["E"].CaseId);
        Assert.Equal(("Closed", "user:alice"), (e[^1].Event, e[^1].Actor));
        var k = await store.HistoryAsync(f.Cases["K"].CaseId);
        Assert.Equal("DeadlineMissed", k[^1].Event);
    }

    [Fact]
    public void Totals_ByHand()
    {
        // Received (reversal excluded): Jan 7 claims $3,600, Feb 4 $2,150, Mar 3 $1,800 → 14, $7,550.
        // Denied: A 1000, B 500, E 800, L 700 | B2 500, G 400 | K 600, B3 200 → 8, $4,700; rate 8/14.
        // Closed: B upheld (35 d), E written off (31), B2 partial (26, $300), G rebilled (34), L overturned (44, $700).
        // Days 26, 31, 34, 35, 44 → median 34, p90 = rank ⌈4.5⌉ = 5th → 44. Overturn rate (1 + 1) / 3.
        // Letters: alice A; bob B, L, B2 → 4. Missed: K (deadline 03-20).
        Figures(f.Report.Totals, 14, 7550m, 8, 4700m, 0.5714, 1, 1, 1, 1, 1, 0.6667, 1000m, 34, 44, 4, 1);
    }

    [Fact]
    public void ByMonth_ByHand()
    {
        Assert.Equal(["2026-01", "2026-02", "2026-03"], f.Report.ByMonth.Select(m => m.Key));
        Figures(f.Report.ByMonth[0], 7, 3600m, 4, 3000m, 0.5714, 0, 0, 0, 0, 0, null, 0m, null, null, 3, 0);
        // Feb: B upheld (35), E written off (31): median 33, p90 rank 2 → 35; overturn rate 0 / 1.
        Figures(f.Report.ByMonth[1], 4, 2150m, 2, 900m, 0.5, 0, 0, 1, 1, 0, 0, 0m, 33, 35, 1, 0);
        // Mar: B2 partial (26), G rebilled (34), L overturned (44): median 34, p90 rank 3 → 44; rate 2 / 2.
        Figures(f.Report.ByMonth[2], 3, 1800m, 2, 800m, 0.6667, 1, 1, 0, 0, 1, 1, 1000m, 34, 44, 0, 1);
    }

    [Fact]
    public void ByPayer_ByHand()
    {
        Assert.Equal([Acme, Beta], f.Report.ByPayer.Select(p => p.Key));
        // ACME: received J1 4 ($2,000) + F1 4 ($2,150) + M2 1 ($500); denied A, B, B2, G, B3 ($2,600); B upheld 35, B2 partial 26 ($300), G rebilled 34.
        Figures(f.Report.ByPayer[0], 9, 4650m, 5, 2600m, 0.5556, 0, 1, 1, 0, 1, 0.5, 300m, 34, 35, 3, 0);
        // BETA: received J2 3 ($1,600) + M1 2 ($1,300); denied E, L, K ($2,100); E written off 31, L overturned 44 ($700).
        Figures(f.Report.ByPayer[1], 5, 2900m, 3, 2100m, 0.6, 1, 0, 0, 1, 0, 1, 700m, 37.5, 44, 1, 1);
    }

    [Fact]
    public void ByProvider_ByHand()
    {
        Assert.Equal([N1, N2], f.Report.ByProvider.Select(p => p.Key));
        // N1: A, C, E, F, A-paid, H → 6, $3,350; denied A, E ($1,800); E written off 31; letter A.
        Figures(f.Report.ByProvider[0], 6, 3350m, 2, 1800m, 0.3333, 0, 0, 0, 1, 0, null, 0m, 31, 31, 1, 0);
        // N2: B, D, L, B-again, G, K, L-paid, B-partial → 8, $4,200; denied B, L, B2, G, K, B3 ($2,900);
        // B upheld 35, B2 partial 26, G rebilled 34, L overturned 44 → median 34.5, p90 rank 4 → 44.
        Figures(f.Report.ByProvider[1], 8, 4200m, 6, 2900m, 0.75, 1, 1, 1, 0, 1, 0.6667, 1000m, 34.5, 44, 3, 1);
    }

    [Fact]
    public void ByCategory_ByHand_RateAgainstAllClaimsReceived()
    {
        Assert.Equal(["Authorization", "MedicalNecessity", "MissingInformation"], f.Report.ByCategory.Select(c => c.Key));
        // Authorization: B, B2, B3 ($1,200), 3/14; B upheld 35, B2 partial 26 ($300); letters B, B2.
        Figures(f.Report.ByCategory[0], 0, 0m, 3, 1200m, 0.2143, 0, 1, 1, 0, 0, 0.5, 300m, 30.5, 35, 2, 0);
        // Medical necessity: A, G, K, L ($2,700), 4/14; G rebilled 34, L overturned 44 ($700); letters A, L; K missed.
        Figures(f.Report.ByCategory[1], 0, 0m, 4, 2700m, 0.2857, 1, 0, 0, 0, 1, 1, 700m, 39, 44, 2, 1);
        // Missing information: E ($800), 1/14; written off 31.
        Figures(f.Report.ByCategory[2], 0, 0m, 1, 800m, 0.0714, 0, 0, 0, 1, 0, null, 0m, 31, 31, 0, 0);
    }

    [Fact]
    public void ByCoder_ByHand()
    {
        Assert.Equal(["alice", "bob"], f.Report.ByCoder.Select(c => c.Key));
        // alice: A, E, K ($2,400); E written off 31; approved A; K missed.
        Figures(f.Report.ByCoder[0], 0, 0m, 3, 2400m, null, 0, 0, 0, 1, 0, null, 0m, 31, 31, 1, 1);
        // bob: B, L, B2, G, B3 ($2,300); B upheld 35, L overturned 44, B2 partial 26, G rebilled 34; approved B, L, B2.
        Figures(f.Report.ByCoder[1], 0, 0m, 5, 2300m, null, 1, 1, 1, 0, 1, 0.6667, 1000m, 34.5, 44, 3, 0);
    }

    [Fact]
    public void ByCarc_ByHand()
    {
        // CO-50: A 1000, G 400, K 600, L 700; CO-197: B 500, B2 500, B3 200; CO-16: E 800. Rates against 14 claims received.
        Assert.Equal(
            [new CarcFigures("CO-50", 4, 2700m, 0.2857), new CarcFigures("CO-197", 3, 1200m, 0.2143), new CarcFigures("CO-16", 1, 800m, 0.0714)],
            f.Report.ByCarc);
    }

    [Fact]
    public void OpenCases_ByAgeAndDaysToDeadline_AsOfTheLastDay()
    {
        // As of 2026-03-31: A (opened 01-10: 80 days; deadline 05-10: 40 left), K (03-05: 26; 03-20: overdue), B3 (03-12: 19; none).
        var open = f.Report.OpenCases;
        Assert.Equal(3, open.Total);
        Assert.Equal(new Dictionary<string, long> { ["0-30"] = 2, ["31-60"] = 0, ["61-90"] = 1, ["90+"] = 0 }, open.ByAge);
        Assert.Equal(new Dictionary<string, long> { ["overdue"] = 1, ["0-7"] = 0, ["8-14"] = 0, ["15-30"] = 0, ["31+"] = 1, ["none"] = 1 }, open.ByDaysToDeadline);
    }

    [Fact]
    public async Task Filters_PayerAndProvider_NarrowEveryFigure()
    {
        var beta = await f.ReportAsync(new() { ["from"] = "2026-01", ["to"] = "2026-03", ["payer"] = Beta });
        Assert.Equal(f.Report.ByPayer[1] with { Key = "total" }, beta.Totals);
        Assert.Equal(1, beta.OpenCases.Total); // K
        var n1 = await f.ReportAsync(new() { ["from"] = "2026-01", ["to"] = "2026-03", ["provider"] = N1 });
        Assert.Equal(f.Report.ByProvider[0] with { Key = "total" }, n1.Totals);
        var feb = await f.ReportAsync(new() { ["from"] = "2026-02", ["to"] = "2026-02" });
        Assert.Equal(f.Report.ByMonth[1] with { Key = "total" }, feb.Totals);
    }

    [Fact]
    public async Task Filters_PayerAndProviderTogether_ByHand()
    {
        // ACME × N2: received B (500), D (300) | B again (500), G (400) | B partial (500) → 5, $2,200; denied B, B2, G, B3 ($1,600);
        // B upheld 35, B2 partial 26 ($300), G rebilled 34; letters B, B2.
        var r = await f.ReportAsync(new() { ["from"] = "2026-01", ["to"] = "2026-03", ["payer"] = Acme, ["provider"] = N2 });
        Figures(r.Totals, 5, 2200m, 4, 1600m, 0.8, 0, 1, 1, 0, 1, 0.5, 300m, 34, 35, 2, 0);
        Assert.Equal([N2], r.ByProvider.Select(p => p.Key));
        Assert.Equal([Acme], r.ByPayer.Select(p => p.Key));
        Assert.Equal(1, r.OpenCases.Total); // B3 (A is N1, K is BETA)
    }

    [Fact]
    public async Task EmptyMonths_AreRowsOfZeros_AndAnEmptyPeriodHasNullRates()
    {
        // April has nothing: it is still a month of the range.
        var r = await f.ReportAsync(new() { ["from"] = "2026-02", ["to"] = "2026-04" });
        Assert.Equal(["2026-02", "2026-03", "2026-04"], r.ByMonth.Select(m => m.Key));
        Figures(r.ByMonth[2], 0, 0m, 0, 0m, null, 0, 0, 0, 0, 0, null, 0m, null, null, 0, 0);
        var empty = await f.ReportAsync(new() { ["from"] = "2025-06", ["to"] = "2025-07" });
        Figures(empty.Totals, 0, 0m, 0, 0m, null, 0, 0, 0, 0, 0, null, 0m, null, null, 0, 0);
        Assert.Equal(["2025-06", "2025-07"], empty.ByMonth.Select(m => m.Key));
        Assert.Empty(empty.ByCarc);
        Assert.Equal(3, empty.OpenCases.Total); // the open snapshot is not limited by the months
    }

    [Fact]
    public async Task StoredRollup_EqualsFullRecomputation()
    {
        var rollup = f.Get<MetricsRollup>();
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
        var again = await rollup.RunAsync();
        Assert.Equal(0, again.SourcesChanged); // nothing changed since the last run: nothing to add

        // rollup --full: delete the aggregated rows and rebuild them; the report is the same.
        var rebuilt = await rollup.RebuildAsync();
        Assert.True(rebuilt.Ran);
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
        var report = await f.ReportAsync(new() { ["from"] = "2026-01", ["to"] = "2026-03" });
        Assert.Equal(f.Report.Totals, report.Totals);
        Assert.Equal(f.Report.ByCoder, report.ByCoder);
    }

    [Fact]
    public async Task Csv_HasEveryGroup_AndTheTotalsByHand()
    {
        var r = await f.Get<MetricsApi>().GetCsvAsync(new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "2026-01", ["to"] = "2026-03" }));
        Assert.Equal(200, r.Status);
        Assert.StartsWith("text/csv", r.ContentType);
        var lines = ((string)r.Body!).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', MetricsCsv.Header), lines[0]);
        Assert.Equal("total,total,14,7550.00,8,4700.00,0.5714,1,1,1,1,0,1,5,0.6667,1000.00,34,44,4,1,", lines[1]);
        Assert.Contains("carc,CO-50,,,4,2700.00,0.2857,,,,,,,,,,,,,,", lines);
        Assert.Contains("openByAge,0-30,,,,,,,,,,,,,,,,,,,2", lines);
        Assert.Equal(1 + 1 + 3 + 3 + 3 + 2 + 2 + 2 + 4 + 6, lines.Length);
    }

    [Fact]
    public void Json_ShapeMatchesDocs()
    {
        var json = JsonDocument.Parse(JsonSerializer.Serialize(f.Report, DenialPipeline.Storage.MessageJson.Options)).RootElement;
        foreach (var name in new[] { "from", "to", "asOf", "totals", "byMonth", "byCarc", "byCategory", "byPayer", "byProvider", "byCoder", "openCases" })
            Assert.True(json.TryGetProperty(name, out _), name);
        Assert.Equal(0.5714, json.GetProperty("totals").GetProperty("denialRate").GetDouble());
        Assert.Equal(2, json.GetProperty("openCases").GetProperty("byAge").GetProperty("0-30").GetInt64());
    }
}
