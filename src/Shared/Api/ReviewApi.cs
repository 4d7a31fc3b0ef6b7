using System.Text.Json;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Operations;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>
/// The review endpoints' handlers (edit, versions, mark submitted, reassign, upload, who-am-I), host-agnostic like
/// <see cref="PipelineApi"/>: the Functions app and the local host both call these after <see cref="ApiAccess"/> allowed the request.
/// </summary>
public sealed class ReviewApi(ReviewHandler review, LetterStore letters, DropClient drops, ApiAccess access, Microsoft.Extensions.Options.IOptions<IngestOptions> upload)
{
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    public ApiResult Me(HttpRequest request)
    {
        var caller = access.Identify(request);
        return caller is null ? ApiProblems.Problem(ApiProblems.Unauthorized, "Sign in first.") : ApiResult.Ok(new MeView(caller.Name, caller.Roles));
    }

    public async Task<ApiResult> EditLetterAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        EditBody? body;
        try { body = await JsonSerializer.DeserializeAsync<EditBody>(request.Body, MessageJson.Options, cancellationToken); }
        catch (JsonException) { return ApiResult.BadRequest("The body must be JSON like {\"html\": \"…\", \"fields\": {\"patient.memberId\": \"…\"}}."); }
        if (body is null) return ApiResult.BadRequest("The body must be JSON.");
        var result = await review.EditAsync(id, ApiAccess.UserOf(request), body.Html, body.Fields, IfMatch(request), cancellationToken);
        return ToApi(result);
    }

    public async Task<ApiResult> ListVersionsAsync(string id, CancellationToken cancellationToken = default)
    {
        var letter = await letters.GetAsync(id, cancellationToken);
        if (letter is null) return ApiResult.NotFound($"Letter {id} does not exist.");
        var versions = await letters.ListVersionsAsync(id, cancellationToken);
        return ApiResult.Ok(versions.Where(v => v.Version <= letter.Version)
            .Select(v => new LetterVersionView(v.Version, v.At, v.EditedBy, v.Version == letter.Version)).ToList());
    }

    public async Task<ApiResult> GetVersionAsync(string id, string n, CancellationToken cancellationToken = default)
    {
        var letter = await letters.GetAsync(id, cancellationToken);
        if (letter is null) return ApiResult.NotFound($"Letter {id} does not exist.");
        if (!int.TryParse(n, out var version) || version < 1 || version > letter.Version) return ApiResult.NotFound($"Letter {id} has no version {n}.");
        var html = await letters.ReadVersionAsync(id, version, cancellationToken);
        if (html is null) return ApiResult.NotFound($"Letter {id} has no version {n}.");
        var info = (await letters.ListVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);
        return ApiResult.Ok(new LetterVersionDetailView(version, info?.At, info?.EditedBy, version == letter.Version, html));
    }

    /// <summary>JSON <c>{channel, reference, date}</c>, or multipart/form-data with those fields and a <c>confirmation</c> file.</summary>
    public async Task<ApiResult> MarkSubmittedAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        string? channel, reference, date;
        SubmissionFile? confirmation = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            (channel, reference, date) = (form["channel"].FirstOrDefault(), form["reference"].FirstOrDefault(), form["date"].FirstOrDefault());
            if (form.Files.GetFile("confirmation") is { } file)
            {
                if (file.Length > ReviewHandler.MaxConfirmationBytes) return ApiResult.BadRequest("The confirmation file is larger than 10 MB.");
                confirmation = new SubmissionFile(file.FileName, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, file.OpenReadStream());
            }
        }
        else
        {
            SubmittedBody? body;
            try { body = await JsonSerializer.DeserializeAsync<SubmittedBody>(request.Body, MessageJson.Options, cancellationToken); }
            catch (JsonException) { return ApiResult.BadRequest("The body must be JSON like {\"channel\": \"portal\", \"reference\": \"…\", \"date\": \"2026-11-26\"}."); }
            (channel, reference, date) = (body?.Channel, body?.Reference, body?.Date);
        }
        if (!Enum.TryParse<SubmissionChannel>(channel, ignoreCase: true, out var ch) || !Enum.IsDefined(ch) || int.TryParse(channel, out _))
            return ApiResult.BadRequest("channel must be portal, fax or mail.");
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var on)) return ApiResult.BadRequest("date must be a date like 2026-11-26.");
        var result = await review.MarkSubmittedAsync(id, ApiAccess.UserOf(request), new Submission(ch, reference ?? "", on, confirmation), IfMatch(request), cancellationToken);
        return ToApi(result);
    }

    public async Task<ApiResult> AssignCaseAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        AssignBody? body;
        try { body = await JsonSerializer.DeserializeAsync<AssignBody>(request.Body, MessageJson.Options, cancellationToken); }
        catch (JsonException) { return ApiResult.BadRequest("The body must be JSON like {\"assignedTo\": \"name\"} (null to unassign)."); }
        var r = await review.AssignAsync(id, ApiAccess.UserOf(request), body?.AssignedTo, IfMatch(request), cancellationToken);
        return ApiProblems.From(r, CaseSummaryView.From, c => c.ETag.ToString());
    }

    /// <summary>A payer's upload: the raw file as the body, its name in <c>?name=</c>. Payers' files go to their own folder.</summary>
    public async Task<ApiResult> UploadFileAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var name = request.Query["name"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(name)) return ApiResult.BadRequest("Name the file: POST /api/files?name=remit.835 with the file as the body.");
        if (request.ContentLength is > MaxUploadBytes) return ApiResult.BadRequest("The file is larger than 100 MB.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0) return ApiResult.BadRequest("The file is empty.");
        if (buffer.Length > MaxUploadBytes) return ApiResult.BadRequest("The file is larger than 100 MB.");
        var user = ApiAccess.UserOf(request);
        var folder = ApiAccess.PayerFolderOf(request);
        var r = await drops.DropIntoAsync(folder, name, buffer.ToArray(), enqueue: upload.Value.EnqueueOnUpload,
            new Uploader(user.Actor, user.Role.ToString(), user.ObjectId), cancellationToken);
        return ApiResult.Accepted(new PayerUploadView(r.FileId, r.BlobName, r.AlreadyThere, user.Actor, user.Role.ToString()));
    }

    internal static string? IfMatch(HttpRequest request) => request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } v ? v : null;

    /// <summary>A letter operation's answer: the letter summary with its ETag, or a problem (<see cref="ApiProblems.From"/>).</summary>
    internal static ApiResult ToApi(OperationResult<LetterEntity> r) => ApiProblems.From(r, LetterSummaryView.From, l => l.ETag.ToString());

    private sealed record EditBody(string? Html, Dictionary<string, string>? Fields);
    private sealed record SubmittedBody(string? Channel, string? Reference, string? Date);
    private sealed record AssignBody(string? AssignedTo);
}
