using System.Text;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Issue 17 §4: adjustments that are not denials open no case, so they never reach the case list or the metrics (which
/// count cases). One remittance carries each of them beside one real denial.
/// </summary>
public sealed class NotDenialIngestTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task OneRemittance_WithEveryKindOfNonDenial_OpensACaseForTheRealDenialOnly()
    {
        const string payer = "88801";
        var claims =
            // $0: the allowed $110 went to the deductible.
            Clp("DED", "1", 150m, 0m, "SVC*HC:99213*150*0~\nCAS*CO*45*40~\nCAS*PR*1*110~\n") +
            // $0 secondary: the primary paid it all.
            Clp("SEC", "2", 100m, 0m, "SVC*HC:99213*100*0~\nCAS*OA*23*100~\n") +
            // Predetermination: priced, never paid.
            Clp("PRE", "25", 500m, 0m, "SVC*HC:27447*500*0~\nCAS*CO*45*500~\n") +
            // Managed care withholding, negotiated discount, a pended line.
            Clp("WH", "1", 300m, 240m, "SVC*HC:99214*100*80~\nCAS*CO*104*20~\nSVC*HC:99214*100*80~\nCAS*CO*131*20~\nSVC*HC:99214*100*80~\nCAS*OA*133*20~\n") +
            // The MIPS payment adjustment on every line of a penalised clinician.
            Clp("MIPS", "1", 200m, 196m, "SVC*HC:99213*100*98~\nCAS*CO*237*2~\nLQ*HE*N807~\nSVC*HC:99213*100*98~\nCAS*CO*237*2~\nLQ*HE*N807~\n") +
            // The real one.
            Clp("REAL", "4", 120m, 0m, "SVC*HC:99213*120*0~\nCAS*CO*50*120~\n");
        var drop = await f.Get<DropClient>().DropAsync("nd.835", Encoding.ASCII.GetBytes(Remit(payer, claims)), enqueue: false);

        var file = await f.Get<IngestHandler>().IngestBlobAsync(drop.BlobName);

        Assert.Equal(0, file.ErrorCount);
        Assert.Equal(1, file.DeniedClaims);
        var cases = (await f.Get<CaseStore>().ListAsync()).Where(c => c.PayerId == payer).ToList();
        Assert.Equal("REAL", Assert.Single(cases).PatientControlNumber);
    }

    private static string Clp(string pcn, string status, decimal charge, decimal paid, string lines) =>
        FormattableString.Invariant($"CLP*{pcn}*{status}*{charge}*{paid}*0*MB*ICN-{pcn}*11*1~\nNM1*QC*1*DOE*JANE****MI*MEM-{pcn}~\n") +
        lines.Replace("~\nCAS", "~\nDTM*472*20260302~\nCAS", StringComparison.Ordinal);

    private static string Remit(string payer, string claims)
    {
        const string date = "20260312";
        var body = $"ST*835*0001*005010X221A1~\nBPR*I*0*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*{date}~\n" +
            $"TRN*1*TR{payer}{date}*1512345678~\nDTM*405*{date}~\nN1*PR*PAYER {payer}*XV*{payer}~\nREF*2U*{payer}~\n" +
            "N1*PE*RIVERSIDE FAMILY CLINIC*XX*1234567893~\nLX*1~\n" + claims;
        var count = body.Split('~').Length;
        return "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC01       *260312*0930*^*00501*000000202*0*P*:~\n" +
            $"GS*HP*PAYER*CLINIC01*{date}*0930*202*X*005010X221A1~\n" + body + $"SE*{count}*0001~\nGE*1*202~\nIEA*1*000000202~\n";
    }
}
