using System.Text;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.X12;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Issue 17 §4: a case an earlier version opened for what is now not a denial (a $0 claim whose allowed amount went to the
/// deductible: CO-45 + PR-1) stays stored, but counts in no metric and leaves the work queue (filtered at read time).
/// </summary>
public sealed class OldNotDenialCaseTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private const string Payer = "77701";

    [Fact]
    public async Task CaseStoredInTheOldShape_ForADeductibleOnlyClaim_IsLeftOutOfMetricsAndTheQueue()
    {
        var remittance = Remittance835Reader.Read(new MemoryStream(Encoding.ASCII.GetBytes(Remit(
            Clp("OLDDED", "1", 150m, 0m, "SVC*HC:99213*150*0~\nCAS*CO*45*40~\nCAS*PR*1*110~\n") +
            Clp("REAL", "4", 120m, 0m, "SVC*HC:99213*120*0~\nCAS*CO*50*120~\n")))));
        var (tx, claims) = (remittance.Transactions.Single().Transaction, remittance.Transactions.Single().Claims);
        var store = f.Get<CaseStore>();
        // The old shape: opened as a case by a version that counted the deductible-only claim as a denial.
        foreach (var claim in claims)
            await store.CreateAsync(CaseFactory.FromClaim("old-file", tx, claim), new CaseChange("Opened", CaseStatus.New, "system:ingest", "old version"));
        Assert.False(claims.Single(c => c.PatientControlNumber == "OLDDED").Denied);

        var listed = await ListedAsync(new() { ["payer"] = Payer });
        Assert.Equal(["REAL"], listed);

        await f.Get<MetricsRollup>().RebuildAsync();
        var (report, _) = await f.Get<MetricsApi>().ReportAsync(new QueryCollection(new Dictionary<string, StringValues> { ["from"] = "2026-03", ["to"] = "2026-03" }));
        Assert.Equal(1L, report!.Totals.ClaimsDenied);
        Assert.Equal(120m, report.Totals.AmountDenied);
        Assert.Equal(2, (await store.ListAsync()).Count(c => c.PayerId == Payer)); // kept, not rewritten
    }

    private async Task<List<string>> ListedAsync(Dictionary<string, StringValues> query)
    {
        var result = await f.Get<PipelineApi>().ListCasesAsync(new QueryCollection(query));
        var views = Assert.IsAssignableFrom<IEnumerable<CaseSummaryView>>(result.Body);
        return views.Select(v => v.PatientControlNumber).ToList();
    }

    private static string Clp(string pcn, string status, decimal charge, decimal paid, string lines) =>
        FormattableString.Invariant($"CLP*{pcn}*{status}*{charge}*{paid}*0*MB*ICN-{pcn}*11*1~\nNM1*QC*1*DOE*JANE****MI*MEM-{pcn}~\n") +
        lines.Replace("~\nCAS", "~\nDTM*472*20260302~\nCAS", StringComparison.Ordinal);

    private static string Remit(string claims)
    {
        const string date = "20260312";
        var body = $"ST*835*0001*005010X221A1~\nBPR*I*0*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*{date}~\n" +
            $"TRN*1*TR{Payer}{date}*1512345678~\nDTM*405*{date}~\nN1*PR*PAYER {Payer}*XV*{Payer}~\nREF*2U*{Payer}~\n" +
            "N1*PE*RIVERSIDE FAMILY CLINIC*XX*1234567893~\nLX*1~\n" + claims;
        var count = body.Split('~').Length;
        return "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC01       *260312*0930*^*00501*000000203*0*P*:~\n" +
            $"GS*HP*PAYER*CLINIC01*{date}*0930*203*X*005010X221A1~\n" + body + $"SE*{count}*0001~\nGE*1*203~\nIEA*1*000000203~\n";
    }
}
