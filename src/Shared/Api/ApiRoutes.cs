using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Api;

/// <summary>
/// The API's routes (relative to <c>/api</c>, as Azure Functions prefixes HTTP triggers). The Functions app declares one
/// function per route with these templates; the local host maps them all with <see cref="MapPipelineApi"/>.
/// </summary>
public static class ApiRoutes
{
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
    public const string Unmatched = "unmatched";
    public const string Records = "records";
    public const string CloseCase = "cases/{id}/close";
    public const string Metrics = "metrics";
    public const string MetricsCsv = "metrics.csv";

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet(Cases, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListCasesAsync(r.Query, ct));
        api.MapGet(Case, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseAsync(id, ct));
        api.MapGet(CaseHistory, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseHistoryAsync(id, ct));
        api.MapGet(Letters, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListLettersAsync(r.Query, ct));
        api.MapGet(Letter, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterAsync(id, ct));
        api.MapGet(LetterPdf, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterPdfAsync(id, ct));
        api.MapPost(ApproveLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.ApproveLetterAsync(r, id, ct));
        api.MapPost(RejectLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.RejectLetterAsync(r, id, ct));
        api.MapGet(Files, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListFilesAsync(r.Query, ct));
        api.MapPost(RetryFile, (string id, FileRetryApi h, CancellationToken ct) => h.RetryAsync(id, ct));
        api.MapGet(File, (string id, PipelineApi h, CancellationToken ct) => h.GetFileAsync(id, ct));
        api.MapGet(Unmatched, (PipelineApi h, CancellationToken ct) => h.ListUnmatchedAsync(ct));
        api.MapPost(Records, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ImportRecordsAsync(r, ct));
        api.MapPost(CloseCase, (HttpRequest r, string id, DenialPipeline.Resolution.ResolutionApi h, CancellationToken ct) => h.CloseCaseAsync(r, id, ct));
        api.MapGet(Metrics, (HttpRequest r, DenialPipeline.Metrics.MetricsApi h, CancellationToken ct) => h.GetAsync(r.Query, ct));
        api.MapGet(MetricsCsv, (HttpRequest r, DenialPipeline.Metrics.MetricsApi h, CancellationToken ct) => h.GetCsvAsync(r.Query, ct));
        return app;
    }
}
