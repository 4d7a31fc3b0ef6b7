using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>The HTTP API: one function per route of <see cref="ApiRoutes"/>, each a one-line call into <see cref="PipelineApi"/>.</summary>
public sealed class ApiFunctions(PipelineApi api, FileUploadApi upload, CodesApi codes)
{
    private static async Task<IActionResult> Respond(Task<ApiResult> result) => await result;

    [Function("ListCases")]
    public Task<IActionResult> ListCasesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Cases)] HttpRequest req, CancellationToken ct) =>
        Respond(api.ListCasesAsync(req.Query, ct));

    [Function("GetCase")]
    public Task<IActionResult> GetCaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Case)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.GetCaseAsync(id, ct));

    [Function("GetCaseHistory")]
    public Task<IActionResult> GetCaseHistoryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.CaseHistory)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.GetCaseHistoryAsync(id, ct));

    [Function("ListLetters")]
    public Task<IActionResult> ListLettersAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Letters)] HttpRequest req, CancellationToken ct) =>
        Respond(api.ListLettersAsync(req.Query, ct));

    [Function("GetLetter")]
    public Task<IActionResult> GetLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Letter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.GetLetterAsync(id, ct));

    [Function("ApproveLetter")]
    public Task<IActionResult> ApproveLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.ApproveLetter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.ApproveLetterAsync(req, id, ct));

    [Function("RejectLetter")]
    public Task<IActionResult> RejectLetterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.RejectLetter)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.RejectLetterAsync(req, id, ct));

    [Function("ListFiles")]
    public Task<IActionResult> ListFilesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Files)] HttpRequest req, CancellationToken ct) =>
        Respond(api.ListFilesAsync(ct));

    [Function("GetFile")]
    public Task<IActionResult> GetFileAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.File)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.GetFileAsync(id, ct));

    [Function("UploadFile")]
    public Task<IActionResult> UploadFileAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.Files)] HttpRequest req, CancellationToken ct) =>
        Respond(upload.UploadAsync(req, ct));

    [Function("LookupCodes")]
    public IActionResult LookupCodes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Codes)] HttpRequest req) =>
        codes.Lookup(req.Query);
    [Function("ListUnmatched")]
    public Task<IActionResult> ListUnmatchedAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.Unmatched)] HttpRequest req, CancellationToken ct) =>
        Respond(api.ListUnmatchedAsync(ct));

    [Function("ImportRecords")]
    public Task<IActionResult> ImportRecordsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Prefix + ApiRoutes.Records)] HttpRequest req, CancellationToken ct) =>
        Respond(api.ImportRecordsAsync(req, ct));

    [Function("GetLetterPdf")]
    public Task<IActionResult> GetLetterPdfAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Prefix + ApiRoutes.LetterPdf)] HttpRequest req, string id, CancellationToken ct) =>
        Respond(api.GetLetterPdfAsync(id, ct));
}
