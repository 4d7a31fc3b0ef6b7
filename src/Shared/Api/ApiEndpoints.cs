using DenialPipeline.Delivery;
using DenialPipeline.Metrics;
using DenialPipeline.Resolution;
using DenialPipeline.Review;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Api;

/// <summary>
/// The local host's HTTP API: every route of <see cref="ApiRoutes"/> with its handler, behind the same role check as the
/// Functions adapters, and described (name = the Functions function's name, summary, answers and problems) for the
/// OpenAPI document (docs/openapi.json).
/// </summary>
public static class ApiEndpoints
{
    private const string SendGridEventsName = "SendGridEvents";
    private static readonly ProblemKind[] None = [];

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        // Every /api endpoint passes the same role check as the Functions adapters (ApiPolicy, deny by default).
        var api = app.MapGroup("/" + ApiRoutes.Prefix.TrimEnd('/')).AddEndpointFilter(AuthorizeEndpoint);
        MapCases(api);
        MapLetters(api);
        MapFiles(api);
        MapOthers(api);
        MapClaimCheck(api);
        MapTrust(api);
        return app;
    }

    /// <summary>Trust boundaries (issue 18): quarantined files and payer identities, Admin only.</summary>
    private static void MapTrust(RouteGroupBuilder api)
    {
        api.MapPost(ApiRoutes.ReleaseFile, (HttpRequest r, string id, QuarantineApi h, CancellationToken ct) => h.ReleaseAsync(r, id, ct))
            .Describe<FileView>("ReleaseFile", "Releases a quarantined file's held transactions ({\"reason\"}): they are ingested as if the sender could send them.", "Files",
                StatusCodes.Status202Accepted, ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.InvalidState, ApiProblems.BlobMissing, ApiProblems.Stale);
        api.MapPost(ApiRoutes.DiscardFile, (HttpRequest r, string id, QuarantineApi h, CancellationToken ct) => h.DiscardAsync(r, id, ct))
            .Describe<FileView>("DiscardFile", "Discards a quarantined file's held transactions ({\"reason\"}): they open and close nothing.", "Files",
                ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.InvalidState, ApiProblems.Stale);
        api.MapGet(ApiRoutes.PayerIdentities, (PayerIdentitiesApi h, CancellationToken ct) => h.ListAsync(ct))
            .Describe<List<DenialPipeline.Identities.PayerIdentity>>("ListPayerIdentities", "The payer identities: which caller (object id) is which payer, and the payer ids it may send as.", "Access", None);
        api.MapPut(ApiRoutes.PayerIdentity, (HttpRequest r, string id, PayerIdentitiesApi h, CancellationToken ct) => h.PutAsync(r, id, ct))
            .Describe<DenialPipeline.Identities.PayerIdentity>("SetPayerIdentity", "Sets the payer identity of an object id ({\"kind\", \"displayName\", \"payer\", \"payerIds\"}).", "Access", ApiProblems.BadRequest);
        api.MapDelete(ApiRoutes.PayerIdentity, (HttpRequest r, string id, PayerIdentitiesApi h, CancellationToken ct) => h.DeleteAsync(r, id, ct))
            .DescribeNoContent("RemovePayerIdentity", "Removes a payer identity: its caller is refused as Payer from then on.", "Access", ApiProblems.NotFound);
    }

    private static void MapClaimCheck(RouteGroupBuilder api)
    {
        api.MapPost(ApiRoutes.ClaimsCheck, (HttpRequest r, ClaimCheckApi h, CancellationToken ct) => h.CheckAsync(r, ct))
            .Describe<ClaimCheckReportView>("CheckClaims", "Check an outbound 837P/837I batch or FHIR Claim before submission (?name=FILE[&format=csv], body = the file).", "Claim check", ApiProblems.BadRequest);
        api.MapGet(ApiRoutes.ClaimsCheckBatch, (HttpRequest r, string id, ClaimCheckApi h, CancellationToken ct) => h.GetBatchAsync(id, r.Query, ct))
            .Describe<ClaimCheckReportView>("GetClaimCheckBatch", "A stored batch check (?format=csv).", "Claim check", ApiProblems.NotFound);
        api.MapGet(ApiRoutes.ClaimsCheckClaim, (string id, ClaimCheckApi h, CancellationToken ct) => h.GetClaimAsync(id, ct))
            .Describe<List<ClaimCheckHistoryView>>("GetClaimChecks", "What every check said about one claim, newest first.", "Claim check", None);
        api.MapGet(ApiRoutes.ClaimsCheckMetrics, (ClaimCheckMetricsApi h, CancellationToken ct) => h.GetAsync(ct))
            .Describe<DenialPipeline.ClaimCheck.PreventionReport>("GetClaimCheckMetrics", "Prevention figures: denials predicted, missed and false alarms per rule, payer and provider.", "Claim check", None);
        api.MapGet(ApiRoutes.ClaimsCheckMetricsCsv, (ClaimCheckMetricsApi h, CancellationToken ct) => h.GetCsvAsync(ct))
            .Describe("GetClaimCheckMetricsCsv", "The prevention figures as CSV.", "Claim check", "text/csv", None);
    }

    private static void MapCases(RouteGroupBuilder api)
    {
        api.MapGet(ApiRoutes.Cases, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListCasesAsync(r.Query, ct))
            .Describe<List<CaseSummaryView>>("ListCases", "Cases, highest priority first (?status=, payer=, category=, action=, sort=priority|deadline|created).", "Cases", ApiProblems.BadRequest);
        api.MapGet(ApiRoutes.Case, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseAsync(id, ct))
            .Describe<CaseDetailView>("GetCase", "A case with its claim, research, records found, letters and history; ETag for If-Match.", "Cases", ApiProblems.NotFound);
        api.MapGet(ApiRoutes.CaseHistory, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseHistoryAsync(id, ct))
            .Describe<List<HistoryView>>("GetCaseHistory", "A case's history rows in order.", "Cases", ApiProblems.NotFound);
        api.MapPost(ApiRoutes.AssignCase, (HttpRequest r, string id, ReviewApi h, CancellationToken ct) => h.AssignCaseAsync(r, id, ct))
            .Describe<CaseSummaryView>("AssignCase", "Assigns a case ({\"assignedTo\": name}; null unassigns); If-Match optional.", "Cases",
                ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.Stale);
        api.MapPost(ApiRoutes.CloseCase, (HttpRequest r, string id, ResolutionApi h, CancellationToken ct) => h.CloseCaseAsync(r, id, ct))
            .Describe<CaseSummaryView>("CloseCase", "A coder closes a case ({\"outcome\": WrittenOff|PatientBilled|Rebilled, \"reason\"}).", "Cases",
                ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.InvalidState);
        api.MapPost(ApiRoutes.RetryCase, (HttpRequest r, string id, CaseRetryApi h, CancellationToken ct) => h.RetryAsync(r, id, ct))
            .Describe<CaseSummaryView>("RetryCase", "Researches and drafts a Failed case again (research or drafting failed every attempt). A case with an Approved or Failed letter failed in delivery: approve the letter again.", "Cases",
                StatusCodes.Status202Accepted, ApiProblems.NotFound, ApiProblems.InvalidState);
        api.MapGet(ApiRoutes.Unmatched, (PipelineApi h, CancellationToken ct) => h.ListUnmatchedAsync(ct))
            .Describe<List<UnmatchedView>>("ListUnmatched", "Denials with no submitted claim on file, with the reason.", "Cases", None);
    }

    private static void MapLetters(RouteGroupBuilder api)
    {
        api.MapGet(ApiRoutes.Letters, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListLettersAsync(r.Query, ct))
            .Describe<List<LetterSummaryView>>("ListLetters", "Letters, oldest first (?status=pending or a letter status, caseId=).", "Letters", ApiProblems.BadRequest);
        api.MapGet(ApiRoutes.Letter, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterAsync(id, ct))
            .Describe<LetterDetailView>("GetLetter", "A letter, its current HTML and the fields that still need input; ETag for If-Match.", "Letters", ApiProblems.NotFound);
        api.MapGet(ApiRoutes.LetterPdf, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterPdfAsync(id, ct))
            .Describe("GetLetterPdf", "The letter's current version as a PDF.", "Letters", "application/pdf", ApiProblems.NotFound);
        api.MapPut(ApiRoutes.Letter, (HttpRequest r, string id, ReviewApi h, CancellationToken ct) => h.EditLetterAsync(r, id, ct))
            .Describe<LetterSummaryView>("EditLetter", "Saves a new version ({\"html\"} and/or {\"fields\"}); If-Match required.", "Letters",
                ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.InvalidState, ApiProblems.Stale, ApiProblems.PreconditionRequired);
        api.MapPost(ApiRoutes.ApproveLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.ApproveLetterAsync(r, id, ct))
            .Describe<LetterSummaryView>("ApproveLetter", "Approves a letter and queues its delivery; If-Match required.", "Letters",
                ApiProblems.NotFound, ApiProblems.InvalidState, ApiProblems.Stale, ApiProblems.NeedsInput, ApiProblems.PreconditionRequired);
        api.MapPost(ApiRoutes.RejectLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.RejectLetterAsync(r, id, ct))
            .Describe<LetterSummaryView>("RejectLetter", "Rejects a letter with a reason ({\"reason\", \"manual\"}): the case goes back to research or to manual work; If-Match required.", "Letters",
                ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.InvalidState, ApiProblems.Stale, ApiProblems.PreconditionRequired);
        api.MapGet(ApiRoutes.LetterVersions, (string id, ReviewApi h, CancellationToken ct) => h.ListVersionsAsync(id, ct))
            .Describe<List<LetterVersionView>>("ListLetterVersions", "The letter's saved versions.", "Letters", ApiProblems.NotFound);
        api.MapGet(ApiRoutes.LetterVersion, (string id, string n, ReviewApi h, CancellationToken ct) => h.GetVersionAsync(id, n, ct))
            .Describe<LetterVersionDetailView>("GetLetterVersion", "One saved version with its HTML.", "Letters", ApiProblems.NotFound);
        api.MapPost(ApiRoutes.SubmittedLetter, (HttpRequest r, string id, ReviewApi h, CancellationToken ct) => h.MarkSubmittedAsync(r, id, ct))
            .Describe<LetterSummaryView>("MarkLetterSubmitted", "Records that an approved letter went out by portal, fax or mail (JSON or multipart with a confirmation file).", "Letters",
                ApiProblems.BadRequest, ApiProblems.NotFound, ApiProblems.InvalidState, ApiProblems.Stale);
    }

    private static void MapFiles(RouteGroupBuilder api)
    {
        api.MapGet(ApiRoutes.Files, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListFilesAsync(r.Query, ApiAccess.PayerFolderOf(r), ct))
            .Describe<List<FileView>>("ListFiles", "Dropped files, newest first (?status=); a payer sees only its own.", "Files", ApiProblems.BadRequest);
        api.MapPost(ApiRoutes.Files, (HttpRequest r, ReviewApi h, CancellationToken ct) => h.UploadFileAsync(r, ct))
            .Describe<PayerUploadView>("UploadFile", "Uploads a file (?name=, the bytes as the body) to be ingested like any drop.", "Files",
                StatusCodes.Status202Accepted, ApiProblems.BadRequest);
        api.MapGet(ApiRoutes.File, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.GetFileAsync(id, ApiAccess.PayerFolderOf(r), ct))
            .Describe<FileView>("GetFile", "A dropped file: counts, warnings and errors with their positions, failure, retries.", "Files", ApiProblems.NotFound);
        api.MapPost(ApiRoutes.RetryFile, (HttpRequest r, string id, FileRetryApi h, CancellationToken ct) => h.RetryAsync(r, id, ct))
            .Describe<FileView>("RetryFile", "Queues a failed file for ingest again.", "Files",
                StatusCodes.Status202Accepted, ApiProblems.NotFound, ApiProblems.InvalidState);
        api.MapPost(ApiRoutes.Records, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ImportRecordsAsync(r, ct))
            .Describe<RecordsImportView>("ImportRecords", "Imports a records file (?name=, the bytes as the body): 837, 277CA/999, FHIR, payers, providers, rates, mappings, payer identities (reference data: Admin only).", "Files",
                ApiProblems.BadRequest, ApiProblems.TooLarge);
    }

    private static void MapOthers(RouteGroupBuilder api)
    {
        api.MapGet(ApiRoutes.Me, (HttpRequest r, ReviewApi h) => h.Me(r))
            .Describe<MeView>("Me", "The signed-in user and roles.", "Access", None);
        api.MapGet(ApiRoutes.Codes, (HttpRequest r, CodesApi h) => h.Lookup(r.Query))
            .Describe<List<CodeView>>("LookupCodes", "Plain-English and official text of CARC, RARC and group codes (?carc=, rarc=, group=).", "Codes", ApiProblems.BadRequest);
        api.MapGet(ApiRoutes.Metrics, (HttpRequest r, MetricsApi h, CancellationToken ct) => h.GetAsync(r.Query, ct))
            .Describe<MetricsReport>("GetMetrics", "Manager metrics (?from=, to=, payer=, provider=).", "Metrics", ApiProblems.BadRequest);
        api.MapGet(ApiRoutes.MetricsCsv, (HttpRequest r, MetricsApi h, CancellationToken ct) => h.GetCsvAsync(r.Query, ct))
            .Describe("GetMetricsCsv", "The same metrics as CSV, one row per group.", "Metrics", "text/csv", ApiProblems.BadRequest);
        api.MapPost(ApiRoutes.SendGridEvents, (HttpRequest r, SendGridEventsHandler h, CancellationToken ct) => h.HandleAsync(r, ct))
            .Describe<WebhookReceipt>(SendGridEventsName, "SendGrid's signed Event Webhook (no sign-in: the ECDSA signature is checked).", "Webhooks", ApiProblems.BadRequest);
    }

    private static RouteHandlerBuilder Describe<T>(this RouteHandlerBuilder endpoint, string name, string summary, string tag, params ProblemKind[] problems) =>
        endpoint.Describe<T>(name, summary, tag, StatusCodes.Status200OK, problems);

    private static RouteHandlerBuilder Describe<T>(this RouteHandlerBuilder endpoint, string name, string summary, string tag, int status, params ProblemKind[] problems) =>
        endpoint.Produces<T>(status).Problems(name, summary, tag, problems);

    /// <summary>An endpoint that answers 204 with no body.</summary>
    private static RouteHandlerBuilder DescribeNoContent(this RouteHandlerBuilder endpoint, string name, string summary, string tag, params ProblemKind[] problems) =>
        endpoint.Produces(StatusCodes.Status204NoContent).Problems(name, summary, tag, problems);

    /// <summary>An endpoint whose answer is not JSON (a PDF, a CSV).</summary>
    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string name, string summary, string tag, string contentType, params ProblemKind[] problems) =>
        endpoint.Produces(StatusCodes.Status200OK, typeof(string), contentType).Problems(name, summary, tag, problems);

    /// <summary>Name, summary, tag and the problems the endpoint answers: its own, and 401/403 from the role check.</summary>
    private static RouteHandlerBuilder Problems(this RouteHandlerBuilder endpoint, string name, string summary, string tag, ProblemKind[] problems)
    {
        endpoint.WithName(name).WithSummary(summary).WithTags(tag);
        var statuses = problems.Select(p => p.Status).ToHashSet();
        // The signed webhook has no roles (ApiPolicy.SignedWebhook): its own signature check answers 401, never 403.
        statuses.Add(StatusCodes.Status401Unauthorized);
        if (name != SendGridEventsName) statuses.Add(StatusCodes.Status403Forbidden);
        foreach (var status in statuses.Order()) endpoint.ProducesProblem(status);
        return endpoint;
    }

    /// <summary>The route template of the endpoint (e.g. <c>letters/{id}</c>) looked up in <see cref="ApiPolicy"/>.</summary>
    private static async ValueTask<object?> AuthorizeEndpoint(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var template = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        var route = template.StartsWith("/api/", StringComparison.Ordinal) ? template["/api/".Length..] : template;
        var access = http.RequestServices.GetRequiredService<ApiAccess>();
        return await access.AuthorizeAsync(http.Request, route) ?? await next(context);
    }
}
