using DenialPipeline.LocalHost;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// <see cref="ReadAhead"/> moves parse's reading to a thread of its own: the consumer must still see every event in
/// order, the source's failure, and an early stop must not leave the reading thread blocked on a full queue.
/// </summary>
public sealed class ReadAheadTests
{
    private static async IAsyncEnumerable<int> Numbers(int count, Exception? failAtEnd = null)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 1000 == 0) await Task.Yield(); // now and then a real wait, as a file refill is
            yield return i;
        }
        if (failAtEnd is not null) throw failAtEnd;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(100_003)]
    public async Task EveryItem_ArrivesInOrder(int count)
    {
        var seen = new List<int>();
        await foreach (var i in ReadAhead.Run(Numbers(count), batchSize: 64, batches: 4)) seen.Add(i);
        Assert.Equal(Enumerable.Range(0, count), seen);
    }

    [Fact]
    public async Task TheSourcesFailure_ReachesTheConsumer_AfterWhatWasReadBeforeIt()
    {
        var seen = 0;
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var _ in ReadAhead.Run(Numbers(500, new InvalidDataException("disk said no")), 64, 4)) seen++;
        });
        Assert.Equal("disk said no", error.Message);
        Assert.Equal(500, seen);
    }

    [Fact]
    public async Task StoppingEarly_ReleasesTheReadingThread()
    {
        // The source is far longer than the queue: the reading thread is blocked on a full queue when the consumer stops.
        var read = 0;
        await foreach (var i in ReadAhead.Run(Numbers(10_000_000), 64, 4))
            if (++read == 1000) break;
        Assert.Equal(1000, read); // and the enumeration returned: the thread was joined, not left blocked
    }

    [Fact]
    public async Task Cancelling_StopsTheConsumer()
    {
        using var cts = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in ReadAhead.Run(Numbers(10_000_000), 64, 4, cts.Token))
                if (++read == 5000) await cts.CancelAsync();
        });
        Assert.InRange(read, 5000, 5000 + 64 * 5);
    }
}
