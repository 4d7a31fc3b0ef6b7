using Azure.Storage.Queues.Models;
using DenialPipeline.ClaimCheck;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>The claims-outbound drop: an Event Grid BlobCreated event for an outbound batch; check it before submission.</summary>
public sealed class ClaimCheckFunction(StageRunner stages, ClaimCheckHandler handler)
{
    [Function("ClaimCheck")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.ClaimsOutbound)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<BlobCreatedEvent>(StorageNames.Queues.ClaimsOutbound, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}
