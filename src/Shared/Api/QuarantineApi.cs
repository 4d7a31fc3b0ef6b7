using System.Text.Json;
using DenialPipeline.Ingest;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>
/// Admin: <c>POST /api/files/{id}/release</c> and <c>/discard</c> with <c>{"reason": "…"}</c> decide a quarantined file's
/// held transactions (<see cref="QuarantineHandler"/>); the decision is kept on the file with the user's name and object id.
/// </summary>
public sealed class QuarantineApi(QuarantineHandler quarantine)
{
    public Task<ApiResult> ReleaseAsync(HttpRequest request, string id, CancellationToken cancellationToken = default) =>
        DecideAsync(request, id, release: true, cancellationToken);

    public Task<ApiResult> DiscardAsync(HttpRequest request, string id, CancellationToken cancellationToken = default) =>
        DecideAsync(request, id, release: false, cancellationToken);

    private async Task<ApiResult> DecideAsync(HttpRequest request, string id, bool release, CancellationToken ct)
    {
        Body? body;
        try { body = await JsonSerializer.DeserializeAsync<Body>(request.Body, MessageJson.Options, ct); }
        catch (JsonException) { return ApiResult.BadRequest("The body is not JSON: {\"reason\": \"…\"}."); }
        if (string.IsNullOrWhiteSpace(body?.Reason)) return ApiResult.BadRequest("Give a reason: {\"reason\": \"…\"} (kept on the file with your name).");
        var user = ApiAccess.UserOf(request);
        var r = release
            ? await quarantine.ReleaseAsync(id, user.Actor, user.ObjectId, user.Role.ToString(), body.Reason, ct)
            : await quarantine.DiscardAsync(id, user.Actor, user.ObjectId, user.Role.ToString(), body.Reason, ct);
        return r.Outcome switch
        {
            QuarantineOutcome.Done => release ? ApiResult.Accepted(FileView.From(r.File!)) : ApiResult.Ok(FileView.From(r.File!)),
            QuarantineOutcome.NotFound => ApiResult.NotFound(r.Message!),
            QuarantineOutcome.BlobMissing => Problem(ApiProblems.BlobMissing, r),
            QuarantineOutcome.Changed => Problem(ApiProblems.Stale, r),
            _ => Problem(ApiProblems.InvalidState, r),
        };
    }

    /// <summary>A refusal that carries the file as it now is (<c>current</c>), so the client can show it at once.</summary>
    private static ApiResult Problem(ProblemKind kind, QuarantineResult r) =>
        ApiProblems.Problem(kind, r.Message!, r.File is null ? null : [new KeyValuePair<string, object?>("current", FileView.From(r.File))]);

    private sealed record Body(string? Reason);
}
