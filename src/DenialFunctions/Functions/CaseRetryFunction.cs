using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>POST /api/cases/{id}/retry: a case research or drafting failed on is researched and drafted again.</summary>
public sealed class CaseRetryFunction(CaseRetryApi api, ApiAccess access)
{
    [Function("RetryCase")]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.RetryCase)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.RetryCase, () => api.RetryAsync(req, id, ct));
}
