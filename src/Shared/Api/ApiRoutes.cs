using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Api;

/// <summary>
/// The API's routes, relative to <see cref="Prefix"/>. host.json sets the Functions route prefix to "" (so that the web
/// pages can live at the root, see <c>Web/WebUi.cs</c>): every Functions API route is therefore written
/// <c>Route = ApiRoutes.Prefix + ApiRoutes.X</c>. The local host maps them all under <c>/api</c> with <see cref="MapPipelineApi"/>.
/// </summary>
public static class ApiRoutes
{
    /// <summary>Every API route starts with this; no web page does.</summary>
    public const string Prefix = "api/";

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
    public const string Codes = "codes";
    public const string Unmatched = "unmatched";
    public const string Records = "records";
    public const string CloseCase = "cases/{id}/close";
    public const string Metrics = "metrics";
    public const string MetricsCsv = "metrics.csv";

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Prefix.TrimEnd('/'));
        api.MapGet(Cases, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListCasesAsync(r.Query, ct));
        api.MapGet(Case, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseAsync(id, ct));
        api.MapGet(CaseHistory, (string id, PipelineApi h, CancellationToken ct) => h.GetCaseHistoryAsync(id, ct));
        api.MapGet(Letters, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ListLettersAsync(r.Query, ct));
        api.MapGet(Letter, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterAsync(id, ct));
        api.MapGet(LetterPdf, (string id, PipelineApi h, CancellationToken ct) => h.GetLetterPdfAsync(id, ct));
        api.MapPost(ApproveLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.ApproveLetterAsync(r, id, ct));
        api.MapPost(RejectLetter, (HttpRequest r, string id, PipelineApi h, CancellationToken ct) => h.RejectLetterAsync(r, id, ct));
        api.MapGet(Files, (PipelineApi h, CancellationToken ct) => h.ListFilesAsync(ct));
        api.MapGet(File, (string id, PipelineApi h, CancellationToken ct) => h.GetFileAsync(id, ct));
        api.MapPost(Files, (HttpRequest r, FileUploadApi h, CancellationToken ct) => h.UploadAsync(r, ct));
        api.MapGet(Codes, (HttpRequest r, CodesApi h) => h.Lookup(r.Query));
        api.MapGet(Unmatched, (PipelineApi h, CancellationToken ct) => h.ListUnmatchedAsync(ct));
        api.MapPost(Records, (HttpRequest r, PipelineApi h, CancellationToken ct) => h.ImportRecordsAsync(r, ct));
        api.MapPost(CloseCase, (HttpRequest r, string id, DenialPipeline.Resolution.ResolutionApi h, CancellationToken ct) => h.CloseCaseAsync(r, id, ct));
        api.MapGet(Metrics, (HttpRequest r, DenialPipeline.Metrics.MetricsApi h, CancellationToken ct) => h.GetAsync(r.Query, ct));
        api.MapGet(MetricsCsv, (HttpRequest r, DenialPipeline.Metrics.MetricsApi h, CancellationToken ct) => h.GetCsvAsync(r.Query, ct));
        return app;
    }
}
