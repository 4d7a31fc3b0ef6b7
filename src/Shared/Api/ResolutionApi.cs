using DenialPipeline.Cases;
using DenialPipeline.Resolution;
using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>POST /api/cases/{id}/close {"outcome": "WrittenOff|PatientBilled|Rebilled", "reason": "…"}: a coder closes a case.</summary>
public sealed class ResolutionApi(ResolutionHandler resolution)
{
    private sealed record CloseBody(string? Outcome, string? Reason);

    public async Task<ApiResult> CloseCaseAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        CloseBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CloseBody>(request.Body, MessageJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return ApiResult.BadRequest("The body must be JSON like {\"outcome\": \"WrittenOff\", \"reason\": \"…\"}.");
        }
        var user = ApiAccess.UserOf(request);
        var r = await resolution.CloseAsync(id, body?.Outcome, body?.Reason, user.Actor, cancellationToken, user.Role.ToString());
        return ApiProblems.From(r, CaseSummaryView.From);
    }
}
