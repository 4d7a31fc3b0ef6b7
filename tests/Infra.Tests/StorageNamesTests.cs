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
    public void Containers_AndEverySftpPayersContainer_AreValidAzureContainerNames()
    {
        const string ContainerName = "^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
        foreach (var c in StorageNames.Containers.All)
            Assert.Matches(ContainerName, c);
        foreach (var length in new[] { StorageNames.Containers.SftpPayerIdMinLength, StorageNames.Containers.SftpPayerIdMaxLength })
        {
            var container = StorageNames.Containers.PayerDrops(new string('z', length - 1) + "9");
            Assert.Matches(ContainerName, container);
            Assert.InRange(("evgs-" + container).Length, 3, 64); // its Event Grid subscription name (infra/main.bicep)
        }
    }

    [Fact]
    public void Tables_AreValidAzureTableNames()
    {
        foreach (var t in StorageNames.Tables.All)
            Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,62}$", t);
    }
}
