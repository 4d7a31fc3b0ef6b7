using Azure.Storage.Queues;
using DenialPipeline.Storage;

namespace DenialPipeline.Testing;

/// <summary>Checks on the pipeline's queues: whether all work is done, and sending duplicate messages on purpose.</summary>
public static class PipelineQueuesProbe
{
    public static readonly string[] Stages =
        [StorageNames.Queues.DenialFiles, StorageNames.Queues.DenialResearch, StorageNames.Queues.DenialDrafting, StorageNames.Queues.LettersOutbox];

    /// <summary>Messages left in the stage queues (visible or not) and in their poison queues.</summary>
    public static async Task<(int Pending, int Poisoned)> CountAsync(QueueServiceClient queues)
    {
        int pending = 0, poisoned = 0;
        foreach (var q in Stages)
        {
            pending += (await queues.GetQueueClient(q).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var poison = queues.GetQueueClient(StorageNames.Queues.Poison(q));
            if (await poison.ExistsAsync()) poisoned += (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        return (pending, poisoned);
    }

    /// <summary>Waits until every stage queue is empty twice in a row (nothing in flight), then returns the poison count.</summary>
    public static async Task<int> DrainedAsync(QueueServiceClient queues, int seconds = 120)
    {
        var quietSince = (DateTime?)null;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var (pending, poisoned) = await CountAsync(queues);
            if (pending == 0)
            {
                quietSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(1.5)) return poisoned;
            }
            else quietSince = null;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Queues still hold {pending} messages after {seconds}s.");
            await Task.Delay(250);
        }
    }
}
