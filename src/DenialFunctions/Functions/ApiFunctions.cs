using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>
/// The HTTP API: one function per route of <see cref="ApiRoutes"/>, each a one-line call into <see cref="PipelineApi"/>
/// behind the same role check as the local host (<see cref="ApiAccess"/>, <see cref="ApiPolicy"/>).
/// </summary>
public sealed class ApiFunctions(PipelineApi api, CodesApi codes, ApiAccess access)
{
    private async Task<IActionResult> Respond(HttpRequest req, string route, Func<Task<ApiResult>> handler) => await access.RunAsync(req, route, handler);

    [Function("ListCases")]
    public Task<IActionResult> ListCasesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Cases)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.Cases, () => api.ListCasesAsync(req.Query, ct));

    [Function("GetCase")]
    public Task<IActionResult> GetCaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Case)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.Case, () => api.GetCaseAsync(id, ct));

    [Function("GetCaseHistory")]
    public Task<IActionResult> GetCaseHistoryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.CaseHistory)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.CaseHistory, () => api.GetCaseHistoryAsync(id, ct));

    [Function("ListLetters")]
    public Task<IActionResult> ListLettersAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Letters)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.Letters, () => api.ListLettersAsync(req.Query, ct));

    [Function("GetLetter")]
    public Task<IActionResult> GetLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Letter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.Letter, () => api.GetLetterAsync(id, ct));

    [Function("ApproveLetter")]
    public Task<IActionResult> ApproveLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.ApproveLetter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.ApproveLetter, () => api.ApproveLetterAsync(req, id, ct));

    [Function("RejectLetter")]
    public Task<IActionResult> RejectLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.RejectLetter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.RejectLetter, () => api.RejectLetterAsync(req, id, ct));

    [Function("ListFiles")]
    public Task<IActionResult> ListFilesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Files)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.Files, () => api.ListFilesAsync(req.Query, ApiAccess.PayerFolderOf(req), ct));

    [Function("GetFile")]
    public Task<IActionResult> GetFileAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.File)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.File, () => api.GetFileAsync(id, ApiAccess.PayerFolderOf(req), ct));

    [Function("ListUnmatched")]
    public Task<IActionResult> ListUnmatchedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Unmatched)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.Unmatched, () => api.ListUnmatchedAsync(ct));

    [Function("ImportRecords")]
    public Task<IActionResult> ImportRecordsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.Records)] HttpRequest req, CancellationToken ct) =>
        Respond(req, ApiRoutes.Records, () => api.ImportRecordsAsync(req, ct));

    [Function("GetLetterPdf")]
    public Task<IActionResult> GetLetterPdfAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.LetterPdf)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(req, ApiRoutes.LetterPdf, () => api.GetLetterPdfAsync(id, ct));

    [Function("LookupCodes")]
    public Task<IActionResult> LookupCodesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Codes)] HttpRequest req) =>
        Respond(req, ApiRoutes.Codes, () => Task.FromResult(codes.Lookup(req.Query)));
}
