using DenialPipeline.Ingest;
using DenialPipeline.Storage;

namespace DenialPipeline.Tests.Ingest;

/// <summary>Which containers Ingest reads, and which payer a dropped file is recorded as coming from.</summary>
public sealed class DropContainerTests
{
    [Theory]
    [InlineData("drops", true)]
    [InlineData("drops-payeraetna", true)]
    [InlineData("drops-abc", true)]
    [InlineData("drops-ab", false)]                 // payer id too short
    [InlineData("drops-", false)]
    [InlineData("dropsaetna", false)]               // 'drops' as a bare prefix
    [InlineData("drops-payer-acme", false)]         // hyphen: not a payer id
    [InlineData("drops-PayerAetna", false)]         // upper case
    [InlineData("drops-payer_aetna", false)]
    [InlineData("drops-../letters", false)]
    [InlineData("drops/payeraetna", false)]
    [InlineData("letters", false)]
    [InlineData("reference", false)]
    [InlineData("", false)]
    public void IsDropContainer_OnlyDropsAndPayerContainers(string container, bool expected) =>
        Assert.Equal(expected, StorageNames.Containers.IsDropContainer(container));

    [Fact]
    public void PayerDrops_RoundTrips_AndRefusesIdsThatWouldNotMakeAContainer()
    {
        Assert.Equal("drops-payeraetna", StorageNames.Containers.PayerDrops("payeraetna"));
        Assert.Equal("payeraetna", StorageNames.Containers.PayerOfDrops(StorageNames.Containers.PayerDrops("payeraetna")));
        var longest = new string('a', StorageNames.Containers.SftpPayerIdMaxLength);
        Assert.Equal(longest, StorageNames.Containers.PayerOfDrops(StorageNames.Containers.PayerDrops(longest)));
        Assert.Null(StorageNames.Containers.PayerOfDrops("drops-" + longest + "a"));
        Assert.Null(StorageNames.Containers.PayerOfDrops(StorageNames.Containers.Drops));
        foreach (var bad in new[] { "ab", "Aetna", "payer-acme", "payer acme", "../x", longest + "a", "" })
            Assert.Throws<ArgumentException>(() => StorageNames.Containers.PayerDrops(bad));
    }

    [Theory]
    [InlineData("drops-payeraetna", "remit.835", "payeraetna")]
    [InlineData("drops-payeraetna", "sub/remit.835", "payeraetna")] // the container decides, not the path inside it
    [InlineData("drops", "payer-acme/remit.835", "payer-acme")]     // an upload through the API
    [InlineData("drops", "remit.835", null)]                        // dropped at the top (staff, the CLI)
    [InlineData("letters", "payer-acme/remit.835", null)]
    [InlineData("dropsaetna", "remit.835", null)]
    public void PayerFolderOf_TheContainersPayer_OrTheFolderInDrops(string container, string blobName, string? expected) =>
        Assert.Equal(expected, IngestHandler.PayerFolderOf(container, blobName));

    [Fact]
    public void FileIdFor_TheSameNameInTwoContainers_IsTwoFiles_AndDropsKeepsItsIds()
    {
        Assert.NotEqual(IngestHandler.FileIdFor("drops-payeraetna", "remit.835"), IngestHandler.FileIdFor("remit.835"));
        Assert.Equal(IngestHandler.FileIdFor(StorageNames.Containers.Drops, "remit.835"), IngestHandler.FileIdFor("remit.835"));
        Assert.True(Keys.IsValidTableKey(IngestHandler.FileIdFor("drops-payeraetna", "a/b?c#.835")));
    }

    [Fact]
    public void RemittanceFile_RowsWithoutAPayerColumn_BelongToThePayerOfTheirLocation()
    {
        var old = new RemittanceFileEntity { Container = "drops", BlobName = "payer-acme/x.835" };
        Assert.True(old.IsFromPayer("payer-acme"));
        Assert.False(old.IsFromPayer("payer-other"));
        var sftp = new RemittanceFileEntity { Container = "drops-payeraetna", BlobName = "x.835", PayerFolder = "payeraetna" };
        Assert.True(sftp.IsFromPayer("payeraetna"));
        Assert.False(sftp.IsFromPayer("payer-acme"));
        Assert.False(new RemittanceFileEntity { Container = "drops", BlobName = "x.835" }.IsFromPayer(""));
    }
}
