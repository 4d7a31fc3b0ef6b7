using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.Research;

/// <summary>The single-flight cache research uses for catalog and profile rows (issue #22).</summary>
public sealed class SharedReadsTests
{
    [Fact]
    public async Task CallersDuringARead_ShareIt_AndTheAnswerIsKept()
    {
        var reads = 0;
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = new SharedReads<string>(TimeSpan.FromMinutes(1));
        var waiting = Enumerable.Range(0, 16).Select(_ => shared.GetAsync("k", () => { Interlocked.Increment(ref reads); return gate.Task; }, CancellationToken.None)).ToList();
        gate.SetResult("v");
        Assert.All(await Task.WhenAll(waiting), v => Assert.Equal("v", v));
        Assert.Equal("v", await shared.GetAsync("k", () => { reads++; return Task.FromResult("other"); }, CancellationToken.None));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task AFailedRead_IsNotKept()
    {
        var shared = new SharedReads<string>(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.GetAsync("k", () => Task.FromException<string>(new InvalidOperationException("storage")), CancellationToken.None));
        Assert.Equal("v", await shared.GetAsync("k", () => Task.FromResult("v"), CancellationToken.None));
    }

    [Fact]
    public async Task KeptForZero_ReadsAgainOnceTheReadIsDone_AndClearForgets()
    {
        var reads = 0;
        var inFlightOnly = new SharedReads<int>(TimeSpan.Zero);
        Assert.Equal(1, await inFlightOnly.GetAsync("k", () => Task.FromResult(++reads), CancellationToken.None));
        Assert.Equal(2, await inFlightOnly.GetAsync("k", () => Task.FromResult(++reads), CancellationToken.None));

        var kept = new SharedReads<int>(TimeSpan.FromMinutes(1));
        Assert.Equal(3, await kept.GetAsync("k", () => Task.FromResult(++reads), CancellationToken.None));
        kept.Clear();
        Assert.Equal(4, await kept.GetAsync("k", () => Task.FromResult(++reads), CancellationToken.None));
    }

    [Fact]
    public async Task OneCallerGivingUp_DoesNotCancelTheReadForTheOthers()
    {
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = new SharedReads<string>(TimeSpan.FromMinutes(1));
        using var cts = new CancellationTokenSource();
        var impatient = shared.GetAsync("k", () => gate.Task, cts.Token);
        var patient = shared.GetAsync("k", () => Task.FromResult("second read"), CancellationToken.None);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        gate.SetResult("v");
        Assert.Equal("v", await patient);
    }
}
