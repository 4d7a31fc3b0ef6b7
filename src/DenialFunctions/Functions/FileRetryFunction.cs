using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>POST /api/files/{id}/retry: a failed file is queued for ingest again.</summary>
public sealed class FileRetryFunction(FileRetryApi api, ApiAccess access)
{
    [Function("RetryFile")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.RetryFile)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.RetryFile, () => api.RetryAsync(req, id, ct));
}
