using DenialPipeline.Api;
using DenialPipeline.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Manager metrics (<see cref="MetricsApi.RequiredRole"/>): JSON and CSV export, each a one-line call into <see cref="MetricsApi"/>.</summary>
public sealed class MetricsFunctions(MetricsApi api, ApiAccess access)
{
    [Function("GetMetrics")]
    public async Task<IActionResult> GetMetricsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Metrics)] HttpRequest req, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.Metrics, () => api.GetAsync(req.Query, ct));

    [Function("GetMetricsCsv")]
    public async Task<IActionResult> GetMetricsCsvAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.MetricsCsv)] HttpRequest req, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.MetricsCsv, () => api.GetCsvAsync(req.Query, ct));
}
