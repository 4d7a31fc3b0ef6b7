using Azure.Storage.Queues.Models;
using DenialPipeline.Ingest;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Stage 1: an Event Grid BlobCreated event for a dropped file.</summary>
public sealed class IngestFunction(StageRunner stages, IngestHandler handler)
{
    [Function("Ingest")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.DenialFiles)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<BlobCreatedEvent>(StorageNames.Queues.DenialFiles, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}
