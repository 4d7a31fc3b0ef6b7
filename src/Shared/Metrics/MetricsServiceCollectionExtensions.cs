using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Metrics: the receipts ingest records and the monthly rollup (not <c>AddMetrics</c>: that name is System.Diagnostics.Metrics').</summary>
    public static IServiceCollection AddMetricsReports(this IServiceCollection services)
    {
        services.AddSingleton<MetricsReceipts>();
        services.AddSingleton<MetricsRollup>();
        return services;
    }
}
