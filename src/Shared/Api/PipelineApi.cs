using DenialPipeline.Pipeline;
using System.Text.Json;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Research.Records;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>The HTTP API's handlers, host-agnostic: the Functions app and the local host both call these.</summary>
public sealed class PipelineApi(CaseStore cases, LetterStore letters, ReviewHandler review, RemittanceFileStore files, RecordsImport records)
{
    public async Task<ApiResult> ListCasesAsync(IQueryCollection query, CancellationToken cancellationToken = default)
    {
        CaseStatus? status = null;
        if (query["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (!CaseStatuses.TryParse(s, out var parsed))
                return ApiResult.BadRequest($"Unknown status '{s}'. Use one of: {string.Join(", ", Enum.GetNames<CaseStatus>())}.");
            status = parsed;
        }
        // Cases an earlier version opened for what is not a denial stay stored but leave the work queue (CaseDenials).
        IEnumerable<CaseEntity> list = (await cases.ListAsync(status, cancellationToken)).Where(CaseDenials.IsDenial);
        if (query["payer"].FirstOrDefault() is { Length: > 0 } payer)
            list = list.Where(c => c.PayerId.Equals(payer, StringComparison.OrdinalIgnoreCase) || c.PayerName.Contains(payer, StringComparison.OrdinalIgnoreCase));
        if (query["provider"].FirstOrDefault() is { Length: > 0 } provider)
            list = list.Where(c => string.Equals(c.PayeeId, provider, StringComparison.OrdinalIgnoreCase)
                || string.Equals(ClaimSnapshot.Deserialize(c.ClaimJson)?.RenderingProviderId, provider, StringComparison.OrdinalIgnoreCase));
        if (query["category"].FirstOrDefault() is { Length: > 0 } category)
            list = list.Where(c => string.Equals(c.Category, category, StringComparison.OrdinalIgnoreCase));
        if (query["action"].FirstOrDefault() is { Length: > 0 } action)
            list = list.Where(c => string.Equals(c.Action, action, StringComparison.OrdinalIgnoreCase));
        list = (query["sort"].FirstOrDefault() ?? "priority") switch
        {
            "deadline" => list.OrderBy(c => c.Deadline ?? DateTime.MaxValue).ThenByDescending(c => c.Priority),
            "created" => list.OrderByDescending(c => c.CreatedAt),
            _ => list.OrderByDescending(c => c.Priority).ThenBy(c => c.Deadline ?? DateTime.MaxValue),
        };
        return ApiResult.Ok(list.Select(CaseSummaryView.From).ToList());
    }

    public async Task<ApiResult> GetCaseAsync(string id, CancellationToken cancellationToken = default)
    {
        var c = await cases.GetAsync(id, cancellationToken);
        if (c is null) return ApiResult.NotFound($"Case {id} does not exist.");
        var history = await cases.HistoryAsync(id, cancellationToken);
        var caseLetters = await letters.ListAsync(caseId: id, cancellationToken: cancellationToken);
        JsonElement? research = c.ResearchJson is { Length: > 0 } rj ? JsonDocument.Parse(rj).RootElement.Clone() : null;
        JsonElement? found = c.RecordsJson is { Length: > 0 } fj ? JsonDocument.Parse(fj).RootElement.Clone() : null;
        return ApiResult.Ok(new CaseDetailView(CaseSummaryView.From(c), ClaimSnapshot.Deserialize(c.ClaimJson), research, found,
            caseLetters.Select(LetterSummaryView.From).ToList(), history.Select(HistoryView.From).ToList()), c.ETag.ToString());
    }

    public async Task<ApiResult> GetCaseHistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await cases.GetAsync(id, cancellationToken) is null) return ApiResult.NotFound($"Case {id} does not exist.");
        var history = await cases.HistoryAsync(id, cancellationToken);
        return ApiResult.Ok(history.Select(HistoryView.From).ToList());
    }

    public async Task<ApiResult> ListLettersAsync(IQueryCollection query, CancellationToken cancellationToken = default)
    {
        LetterStatus? status = null;
        if (query["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (s.Equals("pending", StringComparison.OrdinalIgnoreCase)) status = LetterStatus.PendingApproval;
            else if (Enum.TryParse<LetterStatus>(s, ignoreCase: true, out var parsed)) status = parsed;
            else return ApiResult.BadRequest($"Unknown letter status '{s}'. Use pending or one of: {string.Join(", ", Enum.GetNames<LetterStatus>())}.");
        }
        var list = await letters.ListAsync(status, query["caseId"].FirstOrDefault(), cancellationToken);
        return ApiResult.Ok(list.OrderBy(l => l.CreatedAt).Select(LetterSummaryView.From).ToList());
    }

    public async Task<ApiResult> GetLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        var l = await letters.GetAsync(id, cancellationToken);
        if (l is null) return ApiResult.NotFound($"Letter {id} does not exist.");
        var html = await letters.ReadVersionAsync(id, l.Version, cancellationToken);
        var missing = JsonSerializer.Deserialize<List<MissingField>>(l.MissingFieldsJson, MessageJson.Options) ?? [];
        return ApiResult.Ok(new LetterDetailView(LetterSummaryView.From(l), html, missing), l.ETag.ToString());
    }

    /// <summary>The current version as a PDF: stored beside its HTML in Blob (made from that version's HTML and stored on first request, for drafts and edits alike: drafting stays cheap).</summary>
    public async Task<ApiResult> GetLetterPdfAsync(string id, CancellationToken cancellationToken = default)
    {
        var l = await letters.GetAsync(id, cancellationToken);
        if (l is null) return ApiResult.NotFound($"Letter {id} does not exist.");
        var pdf = await letters.ReadPdfAsync(id, l.Version, cancellationToken);
        if (pdf is null)
        {
            var html = await letters.ReadVersionAsync(id, l.Version, cancellationToken);
            if (html is null) return ApiResult.NotFound($"Letter {id} version {l.Version} has no stored text.");
            pdf = LetterPdf.Render(l.ToRendered(html));
            await letters.WritePdfAsync(id, l.Version, pdf, cancellationToken);
        }
        return new ApiResult(200, pdf, null, "application/pdf") { FileName = $"letter-{id}-v{l.Version}.pdf" };
    }

    public async Task<ApiResult> ApproveLetterAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        var result = await review.ApproveAsync(id, ApiAccess.UserOf(request), IfMatch(request), cancellationToken);
        return ReviewApi.ToApi(result);
    }

    public async Task<ApiResult> RejectLetterAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        string? reason = request.Query["reason"].FirstOrDefault();
        var manual = string.Equals(request.Query["manual"].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        if (reason is null && request.ContentLength is > 0)
        {
            try
            {
                var body = await JsonSerializer.DeserializeAsync<RejectBody>(request.Body, MessageJson.Options, cancellationToken);
                reason = body?.Reason;
                manual |= body?.Manual == true;
            }
            catch (JsonException)
            {
                return ApiResult.BadRequest("The body must be JSON like {\"reason\": \"…\", \"manual\": false}.");
            }
        }
        var result = await review.RejectAsync(id, ApiAccess.UserOf(request), reason, manual, IfMatch(request), cancellationToken);
        return ReviewApi.ToApi(result);
    }

    /// <summary>GET /api/files[?status=failed|processed|…]: the dropped files, newest first; <c>failed</c> lists those a user can retry.</summary>
    /// <param name="folder">A payer's folder: only that payer's files are listed (its uploads and its SFTP container; null: all files).</param>
    public async Task<ApiResult> ListFilesAsync(IQueryCollection query, string? folder = null, CancellationToken cancellationToken = default)
    {
        FileStatus? status = null;
        if (query["status"].FirstOrDefault() is { Length: > 0 } s)
        {
            if (!Enum.TryParse<FileStatus>(s, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return ApiResult.BadRequest($"Unknown file status '{s}'. Use one of: {string.Join(", ", Enum.GetNames<FileStatus>())}.");
            status = parsed;
        }
        var list = new List<FileView>();
        await foreach (var f in files.ListAsync(status, cancellationToken: cancellationToken))
            if (folder is null || f.IsFromPayer(folder)) list.Add(FileView.From(f));
        return ApiResult.Ok(list.OrderByDescending(f => f.ReceivedAt).ToList());
    }

    /// <param name="folder">A payer's folder: a file dropped elsewhere is reported as not found.</param>
    public async Task<ApiResult> GetFileAsync(string id, string? folder = null, CancellationToken cancellationToken = default)
    {
        var file = await files.GetAsync(id, cancellationToken);
        return file is not null && (folder is null || file.IsFromPayer(folder))
            ? ApiResult.Ok(FileView.From(file))
            : ApiResult.NotFound($"File {id} does not exist.");
    }

    /// <summary>Denials with no submitted claim on file, with the reason: never dropped, never guessed.</summary>
    public async Task<ApiResult> ListUnmatchedAsync(CancellationToken cancellationToken = default)
    {
        var list = (await cases.ListAsync(CaseStatus.Unmatched, cancellationToken)).Where(CaseDenials.IsDenial);
        return ApiResult.Ok(list.OrderByDescending(c => c.Priority)
            .Select(c => new UnmatchedView(CaseSummaryView.From(c), c.UnmatchedReason ?? "No submitted claim on file.")).ToList());
    }

    /// <summary>POST /api/records?name=FILE with the file as the body: 837, 277CA/999, FHIR bundle, payers/providers, contract rates, submission proof.</summary>
    public async Task<ApiResult> ImportRecordsAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var name = request.Query["name"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(name)) return ApiResult.BadRequest("Give the file name: POST /api/records?name=claims.837 with the file as the body.");
        if (request.ContentLength is > RecordsImport.MaxBytes) return ApiProblems.Problem(ApiProblems.TooLarge, $"A records file may be at most {RecordsImport.MaxBytes / (1024 * 1024)} MB.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) return ApiResult.BadRequest("The body is empty: send the file's bytes.");
        if (buffer.Length > RecordsImport.MaxBytes) return ApiProblems.Problem(ApiProblems.TooLarge, $"A records file may be at most {RecordsImport.MaxBytes / (1024 * 1024)} MB.");
        var user = ApiAccess.UserOf(request);
        var (report, requeued, import) = await records.ImportAsync(name, buffer.ToArray(), user.Actor, user.Role.ToString(), user.ObjectId, cancellationToken);
        return ApiResult.Ok(new RecordsImportView(report.File, report.Format, report.Stored, report.Total,
            report.Rejections.Select(r => new RejectionView(r.Row, r.Reason, r.Key)).ToList(), requeued)
        {
            ImportId = import.ImportId, ImportedAt = import.ImportedAt, ImportedBy = import.ImportedBy, ImportedByRole = import.ImportedByRole,
        });
    }

    private sealed record RejectBody(string? Reason, bool? Manual);

    private static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } v ? v : null;
}
