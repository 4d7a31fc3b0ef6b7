using DenialPipeline.Metrics;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Browser.Tests;

/// <summary>Runs the metrics rollup now (in the hosts it runs on a timer), so the dashboard has figures to show.</summary>
public static class MetricsSeeding
{
    public static Task RollUpAsync(PipelineFixture pipeline) => pipeline.Services.GetRequiredService<MetricsRollup>().RunAsync();
}
