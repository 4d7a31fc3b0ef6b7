using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DenialPipeline.LocalHost;

/// <summary>
/// Reads an event stream on a task of its own, a bounded number of events ahead of the consumer, so reading the file
/// and writing the output use two cores instead of taking turns on one; memory stays bounded by the capacity.
/// </summary>
public static class ReadAhead
{
    /// <summary>The same events in the same order; an exception of the source surfaces in the consumer.</summary>
    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> source, int capacity, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token).ConfigureAwait(false))
                    await channel.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return item;
        }
        finally
        {
            // The consumer stopped early (or failed): stop the producer and wait for it, so the file is not read after return.
            await stop.CancelAsync().ConfigureAwait(false);
            try { await producer.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }
}
