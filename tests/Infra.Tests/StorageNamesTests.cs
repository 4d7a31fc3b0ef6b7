using DenialPipeline.Storage;

namespace DenialPipeline.Infra.Tests;

public sealed class StorageNamesTests
{
    [Fact]
    public void Queues_AreValidAzureQueueNames()
    {
        foreach (var q in StorageNames.Queues.All.Concat(StorageNames.Queues.All.Select(StorageNames.Queues.Poison)))
            Assert.Matches("^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$", q);
    }

    [Fact]
    public void Tables_AreValidAzureTableNames()
    {
        foreach (var t in StorageNames.Tables.All)
            Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,62}$", t);
    }
}
