using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.Research.Records;

public sealed class SubmittedClaimMapperTests
{
    public static TheoryData<string> Corpus837()
    {
        var data = new TheoryData<string>();
        if (SharedCorpus.Root is { } root)
            foreach (var f in Directory.EnumerateFiles(Path.Combine(root, "x12-837")).Order()) data.Add(Path.GetFileName(f));
        else data.Add("");
        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Corpus837))]
    public void TryMap_EveryCorpus837Claim_BecomesARecordOrANamedRejection(string file)
    {
        using var stream = File.OpenRead(SharedCorpus.PathOf("x12-837", file));
        var read = Claim837Reader.Read(stream);
        Assert.NotEmpty(read.Claims);
        var mapped = 0;
        foreach (var c in read.Claims)
        {
            if (SubmittedClaimMapper.TryMap(c, out var claim, out var reason))
            {
                mapped++;
                Assert.Equal(c.ClaimId, claim!.ClaimId);
                Assert.Equal(c.Lines.Count, claim.Lines.Count);
                Assert.Equal(c.Kind == ClaimKind837.Institutional, claim.Institutional);
                Assert.False(string.IsNullOrEmpty(claim.Key));
                Assert.True(DenialPipeline.Storage.Keys.IsValidTableKey(claim.Key));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(reason));
                Assert.Contains(c.ClaimId ?? "", reason!);
            }
        }
        Assert.True(mapped > 0, $"{file}: no claim could be mapped");
    }

    [Fact]
    public void TryMap_ClaimWithoutAnyDate_IsRejectedNamingTheClaim()
    {
        var claim = new SubmittedClaim837("CLM-1", 100m, "11", "B", "1", ClaimKind837.Professional, "0001", "005010X222A1",
            null, null, "M1", null, null, "PAYER", "P1", null, "1234567893", null, null, null, null, [], null, null, null, null, null,
            [new SubmittedLine837(1, "HC", "99213", [], null, 100m, "UN", 1m, null, null, null, "L1", null, new X12Position(1, 0))],
            [], new X12Position(1, 0));
        Assert.False(SubmittedClaimMapper.TryMap(claim, out _, out var reason));
        Assert.Contains("CLM-1", reason);
        Assert.Contains("date of service", reason);
    }
}
