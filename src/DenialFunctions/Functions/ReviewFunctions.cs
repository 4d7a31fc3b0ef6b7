using DenialPipeline.Api;
using DenialPipeline.Delivery;
using DenialPipeline.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>Review, roles and delivery tracking: one function per route, each a one-line call into <see cref="ReviewApi"/> behind <see cref="ApiAccess"/>.</summary>
public sealed class ReviewFunctions(ReviewApi api, SendGridEventsHandler events, ApiAccess access)
{
    private async Task<IActionResult> Respond(HttpRequest req, string route, Func<Task<ApiResult>> handler) => await access.RunAsync(req, route, handler);

    [Function("Me")]
    public Task<IActionResult> MeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Me)] HttpRequest req) =>
        Respond(req, ApiRoutes.Me, () => Task.FromResult(api.Me(req)));

    [Function("AssignCase")]
    public Task<IActionResult> AssignCaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.AssignCase)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.AssignCase, () => api.AssignCaseAsync(req, id, ct));

    [Function("EditLetter")]
    public Task<IActionResult> EditLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Prefix + ApiRoutes.Letter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.Letter, () => api.EditLetterAsync(req, id, ct));

    [Function("ListLetterVersions")]
    public Task<IActionResult> ListVersionsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.LetterVersions)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.LetterVersions, () => api.ListVersionsAsync(id, ct));

    [Function("GetLetterVersion")]
    public Task<IActionResult> GetVersionAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.LetterVersion)] HttpRequest req, string id, string n, CancellationToken ct) =>
        Respond(req, ApiRoutes.LetterVersion, () => api.GetVersionAsync(id, n, ct));

    [Function("MarkLetterSubmitted")]
    public Task<IActionResult> MarkSubmittedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.SubmittedLetter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.SubmittedLetter, () => api.MarkSubmittedAsync(req, id, ct));

    [Function("UploadFile")]
    public Task<IActionResult> UploadFileAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.Files)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.Files, () => api.UploadFileAsync(req, ct));

    [Function("SendGridEvents")]
    public Task<IActionResult> SendGridEventsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.SendGridEvents)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.SendGridEvents, () => events.HandleAsync(req, ct));
}
