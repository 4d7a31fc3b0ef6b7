using DenialPipeline.Pipeline;
using DenialPipeline.ClaimCheck;
using DenialPipeline.Delivery;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Storage;
using Microsoft.Azure.WebJobs;

namespace DenialPipeline.LocalHost;

/// <summary>The local host's queue triggers (WebJobs SDK): thin adapters over the same handlers the Functions app calls.</summary>
public sealed class QueueTriggers(TriggerActivity activity, StageRunner stages, IngestHandler ingest, ResearchHandler research, DraftHandler draft, DeliverHandler deliver, ClaimCheckHandler claimCheck)
{
    [FunctionName("Ingest")]
    public Task IngestAsync([QueueTrigger(StorageNames.Queues.DenialFiles)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        activity.RunAsync(() => stages.RunAsync<BlobCreatedEvent>(StorageNames.Queues.DenialFiles, message, dequeueCount, ingest.HandleAsync, cancellationToken));

    [FunctionName("Research")]
    public Task ResearchAsync([QueueTrigger(StorageNames.Queues.DenialResearch)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        activity.RunAsync(() => stages.RunAsync<ResearchRequested>(StorageNames.Queues.DenialResearch, message, dequeueCount, research.HandleAsync, cancellationToken));

    [FunctionName("Draft")]
    public Task DraftAsync([QueueTrigger(StorageNames.Queues.DenialDrafting)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        activity.RunAsync(() => stages.RunAsync<DraftRequested>(StorageNames.Queues.DenialDrafting, message, dequeueCount, draft.HandleAsync, cancellationToken));

    [FunctionName("Deliver")]
    public Task DeliverAsync([QueueTrigger(StorageNames.Queues.LettersOutbox)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        activity.RunAsync(() => stages.RunAsync<DeliveryRequested>(StorageNames.Queues.LettersOutbox, message, dequeueCount, deliver.HandleAsync, cancellationToken));

    [FunctionName("ClaimCheck")]
    public Task ClaimCheckAsync([QueueTrigger(StorageNames.Queues.ClaimsOutbound)] string message, long dequeueCount, CancellationToken cancellationToken) =>
        activity.RunAsync(() => stages.RunAsync<BlobCreatedEvent>(StorageNames.Queues.ClaimsOutbound, message, dequeueCount, claimCheck.HandleAsync, cancellationToken));
}
