using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DenialPipeline.Storage;

/// <summary>Creates every queue (and its poison queue), table and container if absent. In Azure, Bicep does this.</summary>
public sealed class StorageSetup(QueueServiceClient queues, TableServiceClient tables, BlobServiceClient blobs)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var work = new List<Task>();
        foreach (var q in StorageNames.Queues.All)
        {
            work.Add(queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            work.Add(queues.GetQueueClient(StorageNames.Queues.Poison(q)).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        }
        foreach (var t in StorageNames.Tables.All)
            work.Add(tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken));
        foreach (var c in StorageNames.Containers.All)
            work.Add(blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(work);
    }
}
