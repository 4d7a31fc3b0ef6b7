using DenialPipeline.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// A host is disposed only once no queue trigger runs: the WebJobs SDK logs a function's completion through the host's
/// logger factory after the function returns, and a disposed factory there ends the whole process.
/// </summary>
public sealed class TriggerActivityTests
{
    [Fact]
    public async Task WaitIdle_IsFalse_WhileAnInvocationRuns_AndTrue_OnceItEnds()
    {
        var activity = new TriggerActivity();
        var release = new TaskCompletionSource();
        var running = activity.RunAsync(() => release.Task);

        Assert.Equal(1, activity.Running);
        Assert.False(await activity.WaitIdleAsync(TimeSpan.FromMilliseconds(200)));

        release.SetResult();
        await running;
        Assert.True(await activity.WaitIdleAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, activity.Running);
    }

    [Fact]
    public async Task AFailingInvocation_IsNoLongerCounted()
    {
        var activity = new TriggerActivity();
        await Assert.ThrowsAsync<InvalidOperationException>(() => activity.RunAsync(() => throw new InvalidOperationException("x")));
        Assert.Equal(0, activity.Running);
    }

    [Fact]
    public async Task StopAndDispose_LeavesTheHostUndisposed_WhileATriggerRuns_AndDisposesItAfter()
    {
        var host = new HostBuilder().ConfigureServices(s => s.AddSingleton<TriggerActivity>()).Build();
        await host.StartAsync();
        var activity = host.Services.GetRequiredService<TriggerActivity>();
        var release = new TaskCompletionSource();
        var running = activity.RunAsync(() => release.Task);

        Assert.False(await LocalPipeline.StopAndDisposeAsync(host, TimeSpan.FromMilliseconds(300)));
        Assert.Same(activity, host.Services.GetRequiredService<TriggerActivity>()); // still usable: not disposed

        release.SetResult();
        await running;
        Assert.True(await LocalPipeline.StopAndDisposeAsync(host, TimeSpan.FromSeconds(5)));
        Assert.Throws<ObjectDisposedException>(() => host.Services.GetRequiredService<TriggerActivity>());
    }
}
