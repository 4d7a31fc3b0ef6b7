using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace DenialPipeline.LocalHost;

/// <summary>
/// Runs an event stream on a thread of its own, a few batches ahead of its consumer, so reading a file and writing its
/// output use two cores instead of taking turns on one (<c>parse --json</c>, issue #22). The queue holds at most
/// <c>batches</c> batches, so memory stays flat in the file's size; a failure of the source reaches the consumer.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> Run<T>(IAsyncEnumerable<T> source, int batchSize, int batches,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var queue = new BlockingCollection<T[]>(batches);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        var producer = new Thread(() => failure = Produce(source, queue, batchSize, stop.Token)) { IsBackground = true, Name = "parse reader" };
        producer.Start();
        try
        {
            // The consumer blocks between batches instead of awaiting: no thread-pool hop per batch.
            foreach (var batch in queue.GetConsumingEnumerable(cancellationToken))
                foreach (var item in batch) yield return item;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            producer.Join();
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    private static Exception? Produce<T>(IAsyncEnumerable<T> source, BlockingCollection<T[]> queue, int batchSize, CancellationToken cancellationToken)
    {
        var batch = new T[batchSize];
        var n = 0;
        try
        {
            var enumerator = source.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (Next(enumerator))
                {
                    batch[n++] = enumerator.Current;
                    if (n < batchSize) continue;
                    queue.Add(batch, cancellationToken);
                    batch = new T[batchSize];
                    n = 0;
                }
            }
            finally
            {
                enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            n = 0; // the consumer stopped: nobody takes the rest
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            // What was read before the end (or before a failure) still reaches the consumer, then the failure does —
            // unless the consumer stopped meanwhile.
            if (n > 0 && !cancellationToken.IsCancellationRequested)
            {
                try { queue.Add(batch[..n], cancellationToken); }
                catch (OperationCanceledException) { }
            }
            queue.CompleteAdding();
        }
    }

    // The reader completes synchronously while its buffer holds segments; only a refill waits on this thread.
    private static bool Next<T>(IAsyncEnumerator<T> enumerator)
    {
        var next = enumerator.MoveNextAsync();
        return next.IsCompletedSuccessfully ? next.Result : next.AsTask().GetAwaiter().GetResult();
    }
}
