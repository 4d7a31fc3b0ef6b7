using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using static DenialPipeline.Resolution.Tests.Scenario;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// A claim denied twice before anyone appealed has two open cases; when the payer then pays it, both close, but the
/// money came in once: the recovered amount (and the managers' "amount recovered") must count it once.
/// </summary>
public sealed class RepeatedDenialThenPaidTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Npi = "4444444444";

    [Fact]
    public async Task PaymentAfterARepeatedDenial_ClosesBothCases_AndCountsTheRecoveredMoneyOnce()
    {
        var s = new Scenario(f);
        s.At(2026, 6, 1);
        await s.IngestAsync("R-den1", Acme, D(2026, 6, 1), Clp.DeniedClaim("R1", "IR1", 250.55m, Npi, "16"));
        s.At(2026, 6, 8);
        await s.IngestAsync("R-den2", Acme, D(2026, 6, 8), Clp.DeniedClaim("R1", "IR1", 250.55m, Npi, "16"));
        s.At(2026, 6, 30);
        await s.IngestAsync("R-paid", Acme, D(2026, 6, 30), Clp.PaidClaim("R1", "IR1", 250.55m, 230.45m, Npi));
        await s.IngestAsync("R-paid", Acme, D(2026, 6, 30), Clp.PaidClaim("R1", "IR1", 250.55m, 230.45m, Npi)); // re-dropped: nothing changes

        var cases = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PatientControlNumber == "R1").OrderBy(c => c.CreatedAt).ToList();
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c => Assert.Equal(CaseStatus.Overturned, c.StatusValue));
        Assert.Equal(230.45m, cases.Sum(c => (decimal)c.RecoveredAmount));
        Assert.Equal((230.45d, 29), (cases[0].RecoveredAmount, cases[0].DaysToResolution)); // the first denial gets the money
        Assert.Equal((0d, 22), (cases[1].RecoveredAmount, cases[1].DaysToResolution));

        await f.Get<MetricsRollup>().RunAsync();
        var (report, _) = await f.Get<MetricsApi>().ReportAsync(new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "2026-06", ["to"] = "2026-06" }));
        Assert.Equal((2L, 230.45m), (report!.Totals.Overturned, report.Totals.AmountRecovered));

        // The same with a part payment that arrives as a new denial: both earlier cases are partially overturned, the
        // 120.10 counted once, and the new case continues the first of them.
        s.At(2026, 7, 1);
        await s.IngestAsync("R2-den1", Acme, D(2026, 7, 1), Clp.DeniedClaim("R2", "IR2", 300m, Npi, "50"));
        s.At(2026, 7, 5);
        await s.IngestAsync("R2-den2", Acme, D(2026, 7, 5), Clp.DeniedClaim("R2", "IR2", 300m, Npi, "50"));
        s.At(2026, 7, 20);
        await s.IngestAsync("R2-part", Acme, D(2026, 7, 20), new Clp("R2", "1", 300m, 120.10m, "IR2", Npi, [("CO", "50", 179.90m)]));
        var r2 = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PatientControlNumber == "R2").OrderBy(c => c.CreatedAt).ToList();
        Assert.Equal(3, r2.Count);
        Assert.All(r2.Take(2), c => Assert.Equal((CaseStatus.PartiallyOverturned, r2[2].CaseId), (c.StatusValue, c.NextCaseId)));
        Assert.Equal(120.10m, r2.Sum(c => (decimal)c.RecoveredAmount));
        Assert.Equal((r2[0].CaseId, 1, CaseStatus.New), (r2[2].PreviousCaseId, r2[2].AppealLevel, r2[2].StatusValue));
    }
}

/// <summary>A later remittance that names the claim only by the payer claim number (CLP07): the patient control number changed.</summary>
public sealed class PayerClaimNumberMatchTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Npi = "5555555555";

    [Fact]
    public async Task PaymentWithAnotherPatientControlNumber_ButTheSamePayerClaimNumber_ClosesTheCase()
    {
        var s = new Scenario(f);
        s.At(2026, 7, 1);
        await s.IngestAsync("W-den", Beta, D(2026, 7, 1), Clp.DeniedClaim("W1", "IW1", 410.10m, Npi, "197"));
        var id = (await s.CaseAsync("W1")).CaseId;
        s.At(2026, 7, 31);
        await s.IngestAsync("W-paid", Beta, D(2026, 7, 31), Clp.PaidClaim("W1-RESUBMITTED", "IW1", 410.10m, 399.99m, Npi));
        var closed = (await f.Get<CaseStore>().GetAsync(id))!;
        Assert.Equal((CaseStatus.Overturned, 399.99d, 30), (closed.StatusValue, closed.RecoveredAmount, closed.DaysToResolution));
    }
}

/// <summary>Where an open case falls in the managers' buckets, at the boundaries the docs name.</summary>
public sealed class MetricsBucketTests
{
    [Theory]
    [InlineData(0, "0-30")]
    [InlineData(30, "0-30")]
    [InlineData(31, "31-60")]
    [InlineData(60, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "90+")]
    public void AgeBucket_Boundaries(int days, string bucket) => Assert.Equal(bucket, MetricsReport.AgeBucket(days));

    [Theory]
    [InlineData(-1, "overdue")]
    [InlineData(0, "0-7")]
    [InlineData(7, "0-7")]
    [InlineData(8, "8-14")]
    [InlineData(14, "8-14")]
    [InlineData(15, "15-30")]
    [InlineData(30, "15-30")]
    [InlineData(31, "31+")]
    public void DeadlineBucket_Boundaries(int daysLeft, string bucket) => Assert.Equal(bucket, MetricsReport.DeadlineBucket(daysLeft));

    [Fact]
    public void ByCarc_CountsTheDenialReasons_NotTheContractualAdjustmentsBesideThem()
    {
        // A claim denied for medical necessity (CO-50) whose other part was reduced to the fee schedule (CO-45, contractual).
        var claim = new ClaimSnapshot("Q1", "4", 500m, 0m, null, "CI", "IQ1", "1", null, null, null, "1111111111", null, null,
            [new AdjustmentSnapshot("claim", "CO", "50", 400m, null, true), new AdjustmentSnapshot("claim", "CO", "45", 100m, null, false),
             new AdjustmentSnapshot("claim", "PR", "2", 0m, null, false)], [], [], 1);
        var c = new CaseEntity
        {
            CaseId = "cq1", PayerId = "11111", PatientControlNumber = "Q1", ClaimJson = claim.Serialize(), DeniedAmount = 400,
            RemittanceDate = new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc),
        };
        var counters = MetricsContribution.FromCase(c, []).Cells.Single(kv => kv.Key.Partition == "m-2026-01").Value;
        Assert.Equal(1, counters[Counter.CarcPrefix + "CO-50"]);
        Assert.Equal(40000, counters[Counter.CarcCentsPrefix + "CO-50"]);
        Assert.DoesNotContain(counters.Keys, k => k.Contains("CO-45", StringComparison.Ordinal));

        // Denied outright with only a non-workable code on it: that code is still the reason shown.
        var outright = claim with { Adjustments = [new AdjustmentSnapshot("claim", "OA", "23", 500m, null, false)] };
        var o = MetricsContribution.FromCase(new CaseEntity { CaseId = "cq2", PayerId = "11111", PatientControlNumber = "Q2", ClaimJson = outright.Serialize(),
            RemittanceDate = new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc) }, []).Cells.Single(kv => kv.Key.Partition == "m-2026-01").Value;
        Assert.Equal(1, o[Counter.CarcPrefix + "OA-23"]);
    }
}
