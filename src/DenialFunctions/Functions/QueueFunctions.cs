using DenialPipeline.Pipeline;
using Azure.Storage.Queues.Models;
using DenialPipeline.Delivery;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Research;
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

/// <summary>Stage 2: research one denied claim.</summary>
public sealed class ResearchFunction(StageRunner stages, ResearchHandler handler)
{
    [Function("Research")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.DenialResearch)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<ResearchRequested>(StorageNames.Queues.DenialResearch, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}

/// <summary>Stage 3: draft the letters a researched case needs.</summary>
public sealed class DraftFunction(StageRunner stages, DraftHandler handler)
{
    [Function("Draft")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.DenialDrafting)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<DraftRequested>(StorageNames.Queues.DenialDrafting, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}

/// <summary>Stage 4: deliver an approved letter through SendGrid.</summary>
public sealed class DeliverFunction(StageRunner stages, DeliverHandler handler)
{
    [Function("Deliver")]
    public Task RunAsync([QueueTrigger(StorageNames.Queues.LettersOutbox)] QueueMessage message, CancellationToken cancellationToken) =>
        stages.RunAsync<DeliveryRequested>(StorageNames.Queues.LettersOutbox, message.MessageText, message.DequeueCount, handler.HandleAsync, cancellationToken);
}
