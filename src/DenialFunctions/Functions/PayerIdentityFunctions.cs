using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Admin: list, set and remove payer identities (<see cref="PayerIdentitiesApi"/>).</summary>
public sealed class PayerIdentityFunctions(PayerIdentitiesApi api, ApiAccess access)
{
    [Function("ListPayerIdentities")]
    public async Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.PayerIdentities)] HttpRequest req, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.PayerIdentities, () => api.ListAsync(ct));

    [Function("SetPayerIdentity")]
    public async Task<IActionResult> PutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Prefix + ApiRoutes.PayerIdentity)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.PayerIdentity, () => api.PutAsync(req, id, ct));

    [Function("RemovePayerIdentity")]
    public async Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Prefix + ApiRoutes.PayerIdentity)] HttpRequest req, string id, CancellationToken ct) =>
        await access.RunAsync(req, ApiRoutes.PayerIdentity, () => api.DeleteAsync(req, id, ct));
}
