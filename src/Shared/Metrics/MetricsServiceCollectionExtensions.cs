using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Metrics: its options (section <c>Metrics</c>), the receipts ingest records and the monthly rollup (not
    /// <c>AddMetrics</c>: that name is System.Diagnostics.Metrics').
    /// </summary>
    public static IServiceCollection AddMetricsReports(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MetricsReceipts>();
        services.AddSingleton<MetricsRollup>();
        return services;
    }
}
