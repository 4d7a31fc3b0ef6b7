using DenialPipeline.Api;
using DenialPipeline.Resolution;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>A coder closes a case (WrittenOff, PatientBilled, Rebilled) with a reason.</summary>
public sealed class ResolutionFunctions(ResolutionApi api, ApiAccess access)
{
    [Function("CloseCase")]
    public async Task<IActionResult> CloseCaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.CloseCase)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.CloseCase, () => api.CloseCaseAsync(req, id, ct));
}
