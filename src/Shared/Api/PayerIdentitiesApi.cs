using System.Text.Json;
using DenialPipeline.Identities;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Api;

/// <summary>
/// Admin: the payer identities (<c>GET /api/payer-identities</c>, <c>PUT</c>/<c>DELETE /api/payer-identities/{objectId}</c>).
/// Each change records who made it (name and object id) on the row and in the log (ids only).
/// </summary>
public sealed partial class PayerIdentitiesApi(PayerIdentityStore store, TimeProvider time, ILogger<PayerIdentitiesApi> logger)
{
    public async Task<ApiResult> ListAsync(CancellationToken cancellationToken = default) =>
        ApiResult.Ok(await store.ListAsync(cancellationToken));

    public async Task<ApiResult> PutAsync(HttpRequest request, string objectId, CancellationToken cancellationToken = default)
    {
        Body? body;
        try { body = await JsonSerializer.DeserializeAsync<Body>(request.Body, MessageJson.Options, cancellationToken); }
        catch (JsonException) { return ApiResult.BadRequest("The body is not JSON: {\"kind\": \"User|Application|Sftp\", \"displayName\": \"…\", \"payer\": \"…\", \"payerIds\": [\"…\"]}."); }
        if (body is null) return ApiResult.BadRequest("Send the identity as JSON.");
        PayerIdentityKind kind = PayerIdentityKind.User;
        if (body.Kind is { Length: > 0 } k && (!Enum.TryParse(k, ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
            return ApiResult.BadRequest($"kind '{k}' is not one of {string.Join("/", Enum.GetNames<PayerIdentityKind>())}.");
        var user = ApiAccess.UserOf(request);
        var identity = new PayerIdentity
        {
            ObjectId = objectId,
            Kind = kind,
            DisplayName = body.DisplayName,
            Payer = body.Payer ?? "",
            PayerIds = (body.PayerIds ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            UpdatedBy = user.Actor,
            UpdatedById = user.ObjectId,
            UpdatedAt = time.GetUtcNow(),
        };
        if (identity.Problem() is { } problem) return ApiResult.BadRequest(problem + ".");
        await store.UpsertAsync(identity, cancellationToken);
        LogChanged(logger, "set", objectId, user.ObjectId ?? "");
        return ApiResult.Ok(identity);
    }

    public async Task<ApiResult> DeleteAsync(HttpRequest request, string objectId, CancellationToken cancellationToken = default)
    {
        if (!await store.DeleteAsync(objectId, cancellationToken)) return ApiResult.NotFound($"No payer identity {objectId}.");
        LogChanged(logger, "removed", objectId, ApiAccess.UserOf(request).ObjectId ?? "");
        return new ApiResult(204, null);
    }

    private sealed record Body(string? Kind, string? DisplayName, string? Payer, IReadOnlyList<string>? PayerIds);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Payer identity {ObjectId} {Change} by object id {ActorId}")]
    private static partial void LogChanged(ILogger logger, string change, string objectId, string actorId);
}
