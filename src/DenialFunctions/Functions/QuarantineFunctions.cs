using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Admin: release or discard a quarantined file's held transactions (<see cref="QuarantineApi"/>).</summary>
public sealed class QuarantineFunctions(QuarantineApi api, ApiAccess access)
{
    [Function("ReleaseFile")]
    public async Task<IActionResult> ReleaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.ReleaseFile)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.ReleaseFile, () => api.ReleaseAsync(req, id, ct));

    [Function("DiscardFile")]
    public async Task<IActionResult> DiscardAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.DiscardFile)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.DiscardFile, () => api.DiscardAsync(req, id, ct));
}
