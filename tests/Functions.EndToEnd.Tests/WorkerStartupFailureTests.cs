using System.Diagnostics;
using DenialPipeline.FunctionsHost;
using DenialPipeline.Hosting;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>
/// A worker that cannot start must fail the test with its own error, quickly — not leave the test waiting for a
/// timeout. Nothing in these starts reaches storage, so no emulator is needed.
/// </summary>
public sealed class WorkerStartupFailureTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(45);

    private static async Task<(FunctionsHostException Error, TimeSpan Took)> StartFailingAsync(Action<Dictionary<string, string?>> change)
    {
        var settings = FunctionsAppFixture.SettingsFor("UseDevelopmentStorage=true", "http://127.0.0.1:7071", "http://127.0.0.1:9");
        change(settings);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<FunctionsHostException>(() =>
            FunctionsHost.FunctionsHost.StartAsync(new FunctionsHostOptions(FunctionsAppFixture.AppDirectory) { Settings = settings, StartupTimeout = TimeSpan.FromMinutes(2) }));
        return (error, watch.Elapsed);
    }

    [Fact]
    public async Task InvalidSetting_FailsWithTheWorkersValidationError()
    {
        var (error, took) = await StartFailingAsync(s => s["Delivery:FromEmail"] = "not-an-email");
        Assert.Contains("exited", error.Message);
        Assert.True(error.Message.Contains("FromEmail", StringComparison.Ordinal), error.Message); // the options validation message, from the worker's own output
        Assert.True(took < Quick, $"took {took}");
    }

    [Fact]
    public async Task MissingStorageSetting_FailsWithTheWorkersError()
    {
        var (error, took) = await StartFailingAsync(s => s[PipelineServiceCollectionExtensions.StorageSetting] = null);
        Assert.True(error.Message.Contains("Storage is not configured", StringComparison.Ordinal), error.Message);
        Assert.True(took < Quick, $"took {took}");
    }
}
