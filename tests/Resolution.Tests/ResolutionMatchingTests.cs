using DenialPipeline.Cases;
using DenialPipeline.Testing;
using static DenialPipeline.Resolution.Tests.Scenario;

namespace DenialPipeline.Resolution.Tests;

/// <summary>How later remittances find and change cases: corrected claims via REF*F8, re-drops, reversals, repeated denials, other payers.</summary>
// Each class has its own store and clock (a fake clock only moves forward).
public sealed class CorrectedClaimMatchingTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Npi = "3333333333";

    [Fact]
    public async Task CorrectedClaim_Frequency7_MatchesTheOriginalThroughRefF8()
    {
        var s = new Scenario(f);
        s.At(2026, 4, 1);
        await s.IngestAsync("X-den", Acme, D(2026, 4, 1), Clp.DeniedClaim("X1", "IX1", 300m, Npi, "4"));
        var original = await s.CaseAsync("X1");
        // The corrected claim carries a new patient control number and payer claim number; only REF*F8 points back.
        s.At(2026, 4, 21);
        await s.IngestAsync("X-paid", Acme, D(2026, 4, 21),
            new Clp("X1-CORR", "1", 300m, 280m, "IX1-NEW", Npi, [("CO", "45", 20m)], Frequency: "7", OriginalIcn: "IX1"));
        var closed = await f.Get<CaseStore>().GetAsync(original.CaseId);
        Assert.Equal((CaseStatus.Overturned, 280d, 20), (closed!.StatusValue, closed.RecoveredAmount, closed.DaysToResolution));
        Assert.Contains("corrected claim paid", (await f.Get<CaseStore>().HistoryAsync(original.CaseId))[^1].Detail);
    }

}

public sealed class RedropAndReversalTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Npi = "3333333333";

    [Fact]
    public async Task RedroppedPayment_ChangesNothing_AndAfterAReversal_DoesNotCloseAgain()
    {
        var s = new Scenario(f);
        s.At(2026, 5, 1);
        await s.IngestAsync("Y-den", Acme, D(2026, 5, 1), Clp.DeniedClaim("Y1", "IY1", 500m, Npi, "50"));
        var id = (await s.CaseAsync("Y1")).CaseId;
        var payment = Clp.PaidClaim("Y1", "IY1", 500m, 450m, Npi);
        s.At(2026, 5, 11);
        await s.IngestAsync("Y-paid", Acme, D(2026, 5, 11), payment);
        var store = f.Get<CaseStore>();
        var revision = (await store.GetAsync(id))!.Revision;
        await s.IngestAsync("Y-paid", Acme, D(2026, 5, 11), payment); // same blob again
        Assert.Equal(revision, (await store.GetAsync(id))!.Revision);

        s.At(2026, 5, 20);
        await s.IngestAsync("Y-rev", Acme, D(2026, 5, 20), new Clp("Y1", "22", -500m, -450m, "IY1", Npi, [("CO", "45", -50m)]));
        Assert.Equal(CaseStatus.New, (await store.GetAsync(id))!.StatusValue); // back to where it was before the payment
        await s.IngestAsync("Y-paid", Acme, D(2026, 5, 11), payment); // the reversed payment seen again
        Assert.Equal(CaseStatus.New, (await store.GetAsync(id))!.StatusValue);
        Assert.Equal(["Opened", "Overturned", "Reopened"], (await store.HistoryAsync(id)).Select(h => h.Event));
    }

}

public sealed class RepeatedDenialTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Npi = "3333333333";

    [Fact]
    public async Task RepeatedDenialBeforeAnyAppeal_LeavesBothOpen_AndAnotherPayersPaymentMatchesNothing()
    {
        var s = new Scenario(f);
        s.At(2026, 6, 1);
        await s.IngestAsync("Z-den1", Acme, D(2026, 6, 1), Clp.DeniedClaim("Z1", "IZ1", 200m, Npi, "16"));
        s.At(2026, 6, 8);
        await s.IngestAsync("Z-den2", Acme, D(2026, 6, 8), Clp.DeniedClaim("Z1", "IZ1", 200m, Npi, "16"));
        var cases = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PatientControlNumber == "Z1").ToList();
        Assert.Equal(2, cases.Count);
        Assert.All(cases, c => Assert.Equal((CaseStatus.New, 1, (string?)null), (c.StatusValue, c.AppealLevel, c.PreviousCaseId)));

        // Same patient control number from another payer: not this claim.
        await s.IngestAsync("Z-other", Beta, D(2026, 6, 9), Clp.PaidClaim("Z1", "IZ1", 200m, 200m, Npi));
        Assert.All((await f.Get<CaseStore>().ListAsync()).Where(c => c.PatientControlNumber == "Z1"), c => Assert.Equal(CaseStatus.New, c.StatusValue));
    }
}
