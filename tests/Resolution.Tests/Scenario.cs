using System.Text;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Testing;

namespace DenialPipeline.Resolution.Tests;

/// <summary>Steps of a scenario on the real services: ingest authored 835s, play research/review/delivery as case changes, move the fake clock.</summary>
public sealed class Scenario(StorageFixture f)
{
    public const string Acme = "11111", Beta = "22222";
    public const string N1 = "1111111111", N2 = "2222222222";

    public void At(int year, int month, int day, int hour = 10) =>
        f.Time.SetUtcNow(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero));

    public async Task IngestAsync(string name, string payer, DateOnly date, params Clp[] claims)
    {
        var payerName = payer == Acme ? "ACME HEALTH PLAN" : "BETA INSURANCE";
        var text = Remit835.Build(payer, payerName, date, "TR" + name, claims);
        var drop = await f.Get<DropClient>().DropAsync(name + ".835", Encoding.UTF8.GetBytes(text), enqueue: false);
        var file = await f.Get<IngestHandler>().IngestBlobAsync(drop.BlobName);
        Assert.Equal(0, file.ErrorCount);
    }

    /// <summary>The case of a claim: the newest one for the patient control number (and payer claim number, when given).</summary>
    public async Task<CaseEntity> CaseAsync(string pcn, string? icn = null)
    {
        var all = await f.Get<CaseStore>().ListAsync();
        return all.Where(c => c.PatientControlNumber == pcn && (icn is null || c.PayerClaimControlNumber == icn))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.AppealLevel).First();
    }

    /// <summary>What research and assignment would set (the research engine is another stage).</summary>
    public Task AssignAsync(string caseId, string category, string coder, DateTime? deadline) =>
        f.Get<CaseStore>().ChangeAsync(caseId, c =>
        {
            c.Category = category;
            c.AssignedTo = coder;
            c.Deadline = deadline;
            c.Priority = c.DeniedAmount;
            return new CaseChange("Researched", CaseStatus.Researched, "system:research", "test");
        });

    /// <summary>A coder approves the case's letter and it is delivered (the events ReviewHandler and DeliverHandler write).</summary>
    public async Task AppealAsync(string caseId, string coder)
    {
        var store = f.Get<CaseStore>();
        await store.ChangeAsync(caseId, _ => new CaseChange("LetterApproved", CaseStatus.Approved, "user:" + coder, "test"));
        await store.ChangeAsync(caseId, _ => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver", "test"));
    }

    public static DateOnly D(int y, int m, int d) => new(y, m, d);
    public static DateTime Dt(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);
}
