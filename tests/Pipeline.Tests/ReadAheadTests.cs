using DenialPipeline.LocalHost;

namespace DenialPipeline.Pipeline.Tests;

/// <summary><see cref="ReadAhead"/> keeps order, surfaces the source's failure, and stops the source when the consumer stops.</summary>
public sealed class ReadAheadTests
{
    private static async IAsyncEnumerable<int> Numbers(int count, int failAt = -1, Action<int>? seen = null)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            if (i == failAt) throw new InvalidDataException("source failed at " + i);
            seen?.Invoke(i);
            yield return i;
        }
    }

    [Fact]
    public async Task SameItemsInOrder()
    {
        var got = new List<int>();
        await foreach (var i in ReadAhead.Of(Numbers(10_000), 16)) got.Add(i);
        Assert.Equal(Enumerable.Range(0, 10_000), got);
    }

    [Fact]
    public async Task TheSourcesExceptionReachesTheConsumer()
    {
        var got = new List<int>();
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => { await foreach (var i in ReadAhead.Of(Numbers(100, failAt: 50), 8)) got.Add(i); });
        Assert.Equal("source failed at 50", e.Message);
        Assert.Equal(Enumerable.Range(0, 50), got);
    }

    [Fact]
    public async Task StoppingEarly_StopsTheSource_WithinTheCapacity()
    {
        var last = -1;
        await foreach (var i in ReadAhead.Of(Numbers(1_000_000, seen: n => Volatile.Write(ref last, n)), 8))
            if (i == 10) break;
        var stoppedAt = Volatile.Read(ref last);
        await Task.Delay(100);
        Assert.Equal(stoppedAt, Volatile.Read(ref last));
        Assert.InRange(stoppedAt, 10, 10 + 8 + 2);
    }
}
