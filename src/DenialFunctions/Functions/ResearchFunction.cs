using Azure.Storage.Queues.Models;
using DenialPipeline.Pipeline;
using DenialPipeline.Research;
using DenialPipeline.Storage;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Stage 2: research one denied claim.</summary>
public sealed class ResearchFunction(StageRunner stages, ResearchHandler handler)
{
    [Function("Research")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.DenialResearch)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<ResearchRequested>(StorageNames.Queues.DenialResearch, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}
