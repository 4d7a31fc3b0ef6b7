using System.Text;
using Azure.Data.Tables;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Functions.Tests;

public sealed class AcknowledgmentImportTests(FunctionsFixture f) : IClassFixture<FunctionsFixture>
{
    private const string File999 =
        "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLINIC01       *261016*0900*^*00501*000000555*0*P*:~\n" +
        "GS*FA*CLEARINGHOUSE*CLINIC01*20261016*0900*555*X*005010X231A1~\n" +
        "ST*999*0001*005010X231A1~\nAK1*HC*1*005010X222A1~\nAK2*837*0001*005010X222A1~\nIK5*A~\n" +
        "AK2*837*0002*005010X222A1~\nIK5*R*5~\nAK9*P*2*2*1~\nSE*9*0001~\nGE*1*555~\nIEA*1*000000555~\n";

    [Fact]
    public async Task Import999_AcceptedTransaction_GivesProofForEveryClaimItCarried_RejectedOneIsReported()
    {
        // The fixture imported samples/records: the 837 (GS06 1, ST02 0001) with 12 claims.
        var report = await f.Services.GetRequiredService<RecordImporter>().ImportAsync("ack.999", Encoding.ASCII.GetBytes(File999));

        Assert.Equal("X12 999", report.Format);
        Assert.Equal(12, report.Stored[SubmissionProof.Kind]);
        var rejected = Assert.Single(report.Rejections);
        Assert.Contains("transaction 0002", rejected.Reason);
        Assert.Contains("IK5 R", rejected.Reason);

        var table = f.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.Tables.Records);
        var proofs = table.QueryAsync<RecordEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubmissionProof.Kind} and ClaimId eq {"PCN1001"}"));
        var found = new List<RecordEntity>();
        await foreach (var p in proofs) found.Add(p);
        Assert.Contains(found, p => p.Json.Contains("2026-10-16") && p.Json.Contains("Ack999"));
    }
}
