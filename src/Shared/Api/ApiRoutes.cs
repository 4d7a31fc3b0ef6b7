using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using DenialPipeline.Delivery;
using DenialPipeline.Review;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Api;

/// <summary>
/// The API's routes (relative to <c>/api</c>, as Azure Functions prefixes HTTP triggers). The Functions app declares one
/// function per route with these templates; the local host maps them all with <see cref="MapPipelineApi"/>.
/// </summary>
public static class ApiRoutes
{
    /// <summary>
    /// Every API route starts with this; no web page does. host.json sets the Functions route prefix to "" (the web pages
    /// live at the root, see Web/WebUi.cs), so every Functions API route is written <c>Route = ApiRoutes.Prefix + ApiRoutes.X</c>.
    /// </summary>
    public const string Prefix = "api/";
    public const string Codes = "codes";

    public const string Cases = "cases";
    public const string Case = "cases/{id}";
    public const string CaseHistory = "cases/{id}/history";
    public const string Letters = "letters";
    public const string Letter = "letters/{id}";
    public const string LetterPdf = "letters/{id}/pdf";
    public const string ApproveLetter = "letters/{id}/approve";
    public const string RejectLetter = "letters/{id}/reject";
    public const string Files = "files";
    public const string File = "files/{id}";
    public const string RetryFile = "files/{id}/retry";
    // Review, roles and delivery tracking (issue 6).
    public const string Me = "me";
    public const string AssignCase = "cases/{id}/assign";
    public const string LetterVersions = "letters/{id}/versions";
    public const string LetterVersion = "letters/{id}/versions/{n}";
    public const string SubmittedLetter = "letters/{id}/submitted";
    public const string SendGridEvents = "sendgrid/events";
    public const string Unmatched = "unmatched";
    public const string Records = "records";
    public const string CloseCase = "cases/{id}/close";
    public const string Metrics = "metrics";
    public const string MetricsCsv = "metrics.csv";
    // Trust boundaries (issue 18): payer identities and quarantined files (Admin).
    public const string PayerIdentities = "payer-identities";
    public const string PayerIdentity = "payer-identities/{id}";
    public const string ReleaseFile = "files/{id}/release";
    public const string DiscardFile = "files/{id}/discard";

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        // Every /api endpoint passes the same role check as the Functions adapters (ApiPolicy, deny by default).
        var api = app.MapGroup("/" + Prefix.TrimEnd('/')).AddEndpointFilter(AuthorizeEndpoint);
        api.MapGet(Cases, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListCasesAsync(r.Query, ct));
        api.MapGet(Case, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseAsync(id, ct));
        api.MapGet(CaseHistory, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseHistoryAsync(id, ct));
        api.MapGet(Letters, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListLettersAsync(r.Query, ct));
        api.MapGet(Letter, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterAsync(id, ct));
        api.MapGet(LetterPdf, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterPdfAsync(id, ct));
        api.MapPost(ApproveLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.ApproveLetterAsync(r, id, ct));
        api.MapPost(RejectLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.RejectLetterAsync(r, id, ct));
        api.MapGet(Files, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListFilesAsync(r.Query, ApiAccess.PayerFolderOf(r), ct));
        api.MapPost(RetryFile, (HttpRequest r, string id, FileRetryApi h, CancellationToken ct) => h.RetryAsync(r, id, ct));
        api.MapGet(File, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.GetFileAsync(id, ApiAccess.PayerFolderOf(r), ct));
        api.MapGet(Me, (HttpRequest r, ReviewApi h) => h.Me(r));
        api.MapPost(AssignCase, (HttpRequest r, string id, ReviewApi h, CancellationToken ct) => h.AssignCaseAsync(r, id, ct));
        api.MapPut(Letter, (HttpRequest r, string id, ReviewApi h, CancellationToken ct) => h.EditLetterAsync(r, id, ct));
        api.MapGet(LetterVersions, (string id, ReviewApi h, CancellationToken ct) => h.ListVersionsAsync(id, ct));
        api.MapGet(LetterVersion, (string id, string n, ReviewApi h, CancellationToken ct) => h.GetVersionAsync(id, n, ct));
        api.MapPost(SubmittedLetter, (HttpRequest r, string id, ReviewApi h, CancellationToken ct) => h.MarkSubmittedAsync(r, id, ct));
        api.MapPost(Files, (HttpRequest r, ReviewApi h, CancellationToken ct) => h.UploadFileAsync(r, ct));
        api.MapPost(SendGridEvents, (HttpRequest r, SendGridEventsHandler h, CancellationToken ct) => h.HandleAsync(r, ct));
        api.MapGet(Unmatched, (PipelineApi h, CancellationToken ct) => h.ListUnmatchedAsync(ct));
        api.MapGet(Codes, (HttpRequest r, CodesApi h) => h.Lookup(r.Query));
        api.MapPost(Records, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ImportRecordsAsync(r, ct));
        api.MapPost(CloseCase, (HttpRequest r, string id, DenialPipeline.Resolution.ResolutionApi h, CancellationToken ct) => h.CloseCaseAsync(r, id, ct));
        api.MapGet(Metrics, (HttpRequest r, DenialPipeline.Metrics.MetricsApi h, CancellationToken ct) => h.GetAsync(r.Query, ct));
        api.MapGet(MetricsCsv, (HttpRequest r, DenialPipeline.Metrics.MetricsApi h, CancellationToken ct) => h.GetCsvAsync(r.Query, ct));
        api.MapPost(ReleaseFile, (HttpRequest r, string id, QuarantineApi h, CancellationToken ct) => h.ReleaseAsync(r, id, ct));
        api.MapPost(DiscardFile, (HttpRequest r, string id, QuarantineApi h, CancellationToken ct) => h.DiscardAsync(r, id, ct));
        api.MapGet(PayerIdentities, (PayerIdentitiesApi h, CancellationToken ct) => h.ListAsync(ct));
        api.MapPut(PayerIdentity, (HttpRequest r, string id, PayerIdentitiesApi h, CancellationToken ct) => h.PutAsync(r, id, ct));
        api.MapDelete(PayerIdentity, (HttpRequest r, string id, PayerIdentitiesApi h, CancellationToken ct) => h.DeleteAsync(r, id, ct));
        return app;
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
