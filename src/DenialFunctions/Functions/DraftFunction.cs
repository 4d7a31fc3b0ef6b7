using Azure.Storage.Queues.Models;
using DenialPipeline.Letters;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Stage 3: draft the letters a researched case needs.</summary>
public sealed class DraftFunction(StageRunner stages, DraftHandler handler)
{
    [Function("Draft")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.DenialDrafting)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<DraftRequested>(StorageNames.Queues.DenialDrafting, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}
