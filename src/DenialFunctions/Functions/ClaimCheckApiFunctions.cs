using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>The claim check's HTTP API (<see cref="ClaimCheckApi"/>, <see cref="ClaimCheckMetricsApi"/>) behind the central role check.</summary>
public sealed class ClaimCheckApiFunctions(ClaimCheckApi api, ClaimCheckMetricsApi metrics, ApiAccess access)
{
    [Function("CheckClaims")]
    public async Task<IActionResult> CheckAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.ClaimsCheck)] HttpRequest req, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.ClaimsCheck, () => api.CheckAsync(req, ct));

    [Function("GetClaimCheckBatch")]
    public async Task<IActionResult> GetBatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.ClaimsCheckBatch)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.ClaimsCheckBatch, () => api.GetBatchAsync(id, req.Query, ct));

    [Function("GetClaimChecks")]
    public async Task<IActionResult> GetClaimAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.ClaimsCheckClaim)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.ClaimsCheckClaim, () => api.GetClaimAsync(id, ct));

    [Function("GetClaimCheckMetrics")]
    public async Task<IActionResult> GetMetricsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.ClaimsCheckMetrics)] HttpRequest req, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.ClaimsCheckMetrics, () => metrics.GetAsync(ct));

    [Function("GetClaimCheckMetricsCsv")]
    public async Task<IActionResult> GetMetricsCsvAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.ClaimsCheckMetricsCsv)] HttpRequest req, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.ClaimsCheckMetricsCsv, () => metrics.GetCsvAsync(ct));
}
