using DenialPipeline.Codes;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Functions.Tests;

public sealed class CodeListStoreTests(FunctionsFixture f) : IClassFixture<FunctionsFixture>
{
    [Fact]
    public async Task StoreAsync_OfficialCarcList_IsStoredAndAppliedToTheSharedCodeBook()
    {
        var codes = f.Services.GetRequiredService<CodeBook>();
        Assert.False(codes.Carc("301").Known);
        var csv = "Code,Description,Start Date,Last Modified,Stop Date\n301,A code new this cycle,2026-07-01,,\n50,Not medically necessary (official words),1995-01-01,,\n"u8.ToArray();

        var result = await f.Services.GetRequiredService<CodeListStore>().StoreAsync(CodeKind.Carc, csv);

        Assert.Equal(2, result.Taken);
        Assert.True(codes.Carc("301").Known);
        Assert.Equal("Not medically necessary (official words)", codes.Carc("50").OfficialDescription);
        var blob = f.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>()
            .GetBlobContainerClient(DenialPipeline.Storage.StorageNames.Containers.Reference).GetBlobClient("codes/carc.csv");
        Assert.True(await blob.ExistsAsync());
    }

    [Fact]
    public async Task StoreAsync_FileWithNoUsableRow_StoresNothing()
    {
        var result = await f.Services.GetRequiredService<CodeListStore>().StoreAsync(CodeKind.Rarc, "Code,Description\n,\n"u8.ToArray());
        Assert.Equal(0, result.Taken);
        var blob = f.Services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>()
            .GetBlobContainerClient(DenialPipeline.Storage.StorageNames.Containers.Reference).GetBlobClient("codes/rarc.csv");
        Assert.False(await blob.ExistsAsync());
    }
}
