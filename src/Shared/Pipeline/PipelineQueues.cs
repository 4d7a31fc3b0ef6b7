using DenialPipeline.Storage;
using Azure.Storage.Queues;

namespace DenialPipeline.Pipeline;

/// <summary>Sends the pipeline's messages (Base64, as the queue trigger of both hosts expects).</summary>
public sealed class PipelineQueues(QueueServiceClient queues)
{
    public Task SendAsync<T>(string queue, T message, CancellationToken cancellationToken = default) =>
        queues.GetQueueClient(queue).SendMessageAsync(MessageJson.Serialize(message), cancellationToken);

    public Task SendResearchAsync(string caseId, CancellationToken cancellationToken = default) =>
        SendAsync(StorageNames.Queues.DenialResearch, new ResearchRequested(caseId), cancellationToken);

    /// <summary>Research of <paramref name="caseIds"/>, <paramref name="perMessage"/> cases a message (<see cref="CaseBatch"/>).</summary>
    public Task SendResearchAsync(IEnumerable<string> caseIds, int perMessage, CancellationToken cancellationToken = default) =>
        SendCasesAsync(StorageNames.Queues.DenialResearch, caseIds, perMessage, (first, more) => new ResearchRequested(first) { More = more }, cancellationToken);

    public Task SendDraftAsync(string caseId, CancellationToken cancellationToken = default) =>
        SendAsync(StorageNames.Queues.DenialDrafting, new DraftRequested(caseId), cancellationToken);

    /// <summary>Drafting of <paramref name="caseIds"/>: one message for the cases one research message researched (<see cref="CaseBatch"/>).</summary>
    public Task SendDraftAsync(IReadOnlyList<string> caseIds, CancellationToken cancellationToken = default) =>
        SendCasesAsync(StorageNames.Queues.DenialDrafting, caseIds, CaseBatch.MaxSize, (first, more) => new DraftRequested(first) { More = more }, cancellationToken);

    /// <summary>A message per <paramref name="perMessage"/> cases: the first as the message's case, the rest as its <c>More</c> (null for one).</summary>
    private async Task SendCasesAsync<T>(string queue, IEnumerable<string> caseIds, int perMessage, Func<string, string[]?, T> message, CancellationToken cancellationToken)
    {
        foreach (var chunk in CaseBatch.Chunks(caseIds, perMessage))
            await SendAsync(queue, message(chunk[0], chunk.Length > 1 ? chunk[1..] : null), cancellationToken);
    }

    /// <summary>The approximate number of messages in a queue (visible or not; the service's count, not exact).</summary>
    public async Task<int> ApproximateCountAsync(string queue, CancellationToken cancellationToken = default) =>
        (await queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;

    public Task SendDeliveryAsync(string letterId, int version, CancellationToken cancellationToken = default) =>
        SendAsync(StorageNames.Queues.LettersOutbox, new DeliveryRequested(letterId, version), cancellationToken);

    /// <summary>Puts a delivery on <c>letters-outbox</c> again, invisible for <paramref name="delay"/> (SendGrid's Retry-After, or an outage's wait).</summary>
    public Task DeferDeliveryAsync(DeliveryRequested message, TimeSpan delay, CancellationToken cancellationToken = default) =>
        queues.GetQueueClient(StorageNames.Queues.LettersOutbox).SendMessageAsync(MessageJson.Serialize(message), delay, null, cancellationToken);
}
