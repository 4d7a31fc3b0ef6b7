using DenialPipeline.Cases;
using DenialPipeline.ClaimCheck;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>
/// The sample outbound batch (samples/outbound) checked on its batch date against the sample payers and providers:
/// the claims the sample 835s later deny for a preventable reason are flagged by the rule that predicts it, the clean
/// ones pass, and the prevention figures come out as docs/claim-check.md reports them.
/// </summary>
public sealed class SampleBatchTests
{
    private static readonly DateOnly BatchDate = new(2026, 10, 15);

    internal static string Repo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("DenialPipeline.sln not found");
    }

    internal static async Task<List<ClaimCheckResult>> CheckSampleAsync()
    {
        var root = Repo();
        var payers = PayerProfileImporter.FromCsv(new StringReader(await File.ReadAllTextAsync(Path.Combine(root, "samples/records/payers.csv")))).Records;
        var records = new CheckRecords { Payers = payers.ToDictionary(p => p.PayerId, StringComparer.OrdinalIgnoreCase) };
        var checker = new ClaimChecker(ClaimCheckServiceCollectionExtensions.CreateRules(), Claims.Book);
        var batch = new BatchIndex();
        var results = new List<ClaimCheckResult>();
        await using var file = File.OpenRead(Path.Combine(root, "samples/outbound/claims-outbound-2026-10.837"));
        await foreach (var item in ClaimCheckInput.ReadX12Async("claims-outbound-2026-10.837", file))
        {
            Assert.Null(item.Error);
            results.Add(checker.CheckInBatch(item.Claim!, records, BatchDate, batch));
        }
        return results;
    }

    [Fact]
    public async Task SampleBatch_EachRuleFlagsTheClaimsItShould_WithEvidence()
    {
        var results = (await CheckSampleAsync()).ToDictionary(r => r.ClaimId);
        Assert.Equal(13, results.Count);
        Dictionary<string, string[]> flagged = new()
        {
            ["required-elements"] = ["PCN1002", "PCN3003"],
            ["ncci-ptp"] = ["PCN1005"],
            ["timely-filing"] = ["PCN2001"],
            ["duplicate"] = ["PCN2002"],
            ["eligibility"] = ["PCN2003"],
            ["authorization"] = ["PCN2005"],
            ["ncci-mue"] = [],
            ["learned-pattern"] = [],
        };
        foreach (var (rule, claims) in flagged)
            Assert.Equal(claims, results.Values.Where(r => r.Findings.Any(f => f.Rule == rule)).Select(r => r.ClaimId).Order(StringComparer.Ordinal));

        Assert.Contains("no rendering provider (NM1*82)", results["PCN1002"].Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("no diagnosis pointer (SV107)", results["PCN3003"].Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("20610 (column 1, line 2) / 99214 (column 2, line 1)", results["PCN1005"].Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("passed on 2025-12-09", results["PCN2001"].Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("Claim PCN2000 earlier in this batch bills 99213 on 2026-10-02", results["PCN2002"].Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("as secondary (SBR01 S)", results["PCN2003"].Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Contains("AUTH55501, which is not on file", results["PCN2005"].Findings[0].Evidence, StringComparison.Ordinal);

        Assert.Equal(["PCN1001", "PCN1003", "PCN1004", "PCN2000", "PCN2004", "PCN3001"], results.Values.Where(r => r.Status == "ready").Select(r => r.ClaimId).Order(StringComparer.Ordinal));
        Assert.Equal("warn", results["PCN2005"].Status);
    }

    [Fact]
    public async Task SampleBatch_JoinedToTheSample835s_PredictedMissedAndNotPreventable()
    {
        var results = await CheckSampleAsync();
        var at = new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero);
        var checks = results.ToDictionary(r => r.ClaimId, r => ClaimCheckStore.ToEntity("sample", "claims-outbound-2026-10.837", at, r), StringComparer.OrdinalIgnoreCase);
        var denials = new Dictionary<string, CheckedDenial>(StringComparer.OrdinalIgnoreCase);
        var paid = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "medicare-part-b-2026-11-05.835", "acme-health-2026-11-05.835", "acme-health-2026-11-12-with-errors.835" })
        {
            await using var f = File.OpenRead(Path.Combine(Repo(), "samples", name));
            foreach (var t in Remittance835Reader.Read(f).Transactions)
                foreach (var c in t.Claims.Where(c => c.PatientControlNumber.Length > 0))
                {
                    if (!DenialRules.IsClaimDenied(c)) { paid.Add(c.PatientControlNumber); continue; }
                    var snap = ClaimSnapshot.From(c);
                    var carcs = snap.AllAdjustments.Where(a => a.Group != "PR").Select(a => a.Reason).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    denials[c.PatientControlNumber] = new CheckedDenial(carcs, snap.DeniedAmount(), t.Transaction.Payer.Id ?? "", t.Transaction.Payer.Name ?? "");
                }
        }
        var metrics = new ClaimCheckMetrics(null!, null!, Claims.Book, ClaimCheckServiceCollectionExtensions.CreateRules());
        var report = metrics.Compute(checks, denials, paid, new Dictionary<string, string> { ["1922334457"] = "LISA CHEN MD" });
        var byRule = report.ByRule.ToDictionary(r => r.Rule);
        Assert.Equal((1, 0), (byRule["ncci-ptp"].Predicted, byRule["ncci-ptp"].Missed));
        Assert.Equal((2, 0), (byRule["required-elements"].Predicted, byRule["required-elements"].Missed));
        Assert.Equal((1, 1), (byRule["authorization"].Predicted, byRule["authorization"].Missed));
        Assert.Equal(1, byRule["timely-filing"].Predicted);
        Assert.Equal(1, byRule["duplicate"].Predicted);
        Assert.Equal(1, byRule["eligibility"].Predicted);
        Assert.Equal((0, 1), (byRule["ncci-mue"].Predicted, byRule["ncci-mue"].Missed));
        Assert.Equal((10, 9, 7, 2), (report.Denied, report.Preventable, report.Predicted, report.Missed));
        Assert.Equal(0, report.FalseAlarms);
        Assert.Contains(report.ByProvider, p => p.Name == "LISA CHEN MD" && p.QueueLink == "/?provider=1922334457");
        Assert.Contains(report.ByPayer, p => p.Name == "ACME HEALTH PLAN" && p.QueueLink == "/?payer=87726");
    }
}
