using Azure.Storage.Queues.Models;
using DenialPipeline.Delivery;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Stage 4: deliver an approved letter through SendGrid.</summary>
public sealed class DeliverFunction(StageRunner stages, DeliverHandler handler)
{
    [Function("Deliver")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.LettersOutbox)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<DeliveryRequested>(StorageNames.Queues.LettersOutbox, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}
