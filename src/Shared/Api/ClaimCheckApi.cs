using DenialPipeline.ClaimCheck;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>
/// <c>POST /api/claims/check?name=FILE[&amp;format=csv]</c> (Coder, Admin): check an 837P/837I batch or a FHIR Claim/Bundle
/// sent as the body; <c>GET /api/claims/check/batches/{id}[?format=csv]</c> and <c>GET /api/claims/check/claims/{claimId}</c> read
/// stored checks (Coder, Manager, Admin); the prevention metrics are in <see cref="ClaimCheckMetricsApi"/>.
/// </summary>
public sealed class ClaimCheckApi(ClaimCheckHandler handler, ClaimCheckStore store)
{
    /// <summary>Largest batch accepted over HTTP (a 10,000-claim 837 is about 10 MB).</summary>
    public const long MaxBytes = 50 * 1024 * 1024;

    public async Task<ApiResult> CheckAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var name = request.Query["name"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(name)) return ApiResult.BadRequest("Give the file name: POST /api/claims/check?name=batch.837 with the file as the body.");
        if (request.ContentLength is > MaxBytes) return TooLarge();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) return ApiResult.BadRequest("The body is empty: send the 837 or FHIR file's bytes.");
        if (buffer.Length > MaxBytes) return TooLarge();
        var report = await handler.CheckAsync(Path.GetFileName(name), buffer.ToArray(), cancellationToken);
        if (string.Equals(request.Query["format"].FirstOrDefault(), "csv", StringComparison.OrdinalIgnoreCase))
            return new ApiResult(200, ClaimCheckCsv.Write(report.Results, report.Errors), null, "text/csv; charset=utf-8");
        return ApiResult.Ok(View(report));
    }

    public async Task<ApiResult> GetBatchAsync(string id, IQueryCollection query, CancellationToken cancellationToken = default)
    {
        var results = await store.BatchAsync(id, cancellationToken);
        if (results.Count == 0) return ApiResult.NotFound($"No checked batch {id}.");
        return string.Equals(query["format"].FirstOrDefault(), "csv", StringComparison.OrdinalIgnoreCase)
            ? new ApiResult(200, ClaimCheckCsv.Write(results, []), null, "text/csv; charset=utf-8") { FileName = $"claim-check-{id}.csv" }
            : ApiResult.Ok(View(new ClaimCheckReport(id, results, [])));
    }

    public async Task<ApiResult> GetClaimAsync(string claimId, CancellationToken cancellationToken = default)
    {
        var checks = await store.ForClaimAsync(claimId, cancellationToken);
        return ApiResult.Ok(checks.OrderByDescending(c => c.CheckedAt).Select(c => new ClaimCheckHistoryView(c.BatchId, c.BatchName, c.CheckedAt, ClaimCheckStore.Result(c))).ToList());
    }

    public static ClaimCheckReportView View(ClaimCheckReport r) =>
        new(r.BatchId, r.Results.Count, r.Ready, r.Warn, r.FixFirst, r.Results, r.Errors);

    private static ApiResult TooLarge() => ApiProblems.Problem(ApiProblems.TooLarge, $"A batch may be at most {MaxBytes / (1024 * 1024)} MB.");
}
