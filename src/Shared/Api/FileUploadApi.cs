using DenialPipeline.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Api;

/// <summary>Where an upload goes after the drops container: <c>Ingest:EnqueueOnUpload</c> (see <see cref="FileUploadApi"/>).</summary>
public sealed class UploadOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Post the BlobCreated event ourselves after the upload. False in Azure, where Event Grid posts it; true in the local
    /// host, which has no Event Grid (and for any deployment without the Event Grid subscription).
    /// </summary>
    public bool EnqueueOnUpload { get; set; }
}

public sealed record UploadView(string FileId, string BlobName, bool AlreadyThere, string StatusUrl);

/// <summary>
/// <c>POST /api/files</c>: a user uploads a remittance file from the drop page. The body is the file itself (name in
/// <c>?name=</c> or <c>X-File-Name</c>) or a multipart form with one file. The file goes through <see cref="DropClient"/>,
/// exactly like a payer's drop; the answer says where to poll for progress.
/// </summary>
public sealed class FileUploadApi(DropClient drops, IOptions<UploadOptions> options)
{
    public const long MaxBytes = 50L * 1024 * 1024;
    public const string FileNameHeader = "X-File-Name";

    public async Task<ApiResult> UploadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        string? name = request.Query["name"].FirstOrDefault() ?? request.Headers[FileNameHeader].FirstOrDefault();
        if (request.ContentLength is > MaxBytes) return TooLarge();
        byte[] content;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault();
            if (file is null) return ApiResult.BadRequest("The form has no file.");
            if (file.Length > MaxBytes) return TooLarge();
            if (string.IsNullOrWhiteSpace(name)) name = file.FileName;
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        else
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes) return TooLarge();
                buffer.Write(chunk, 0, read);
            }
            content = buffer.ToArray();
        }
        if (string.IsNullOrWhiteSpace(name)) return ApiResult.BadRequest($"Name the file: ?name=… or the {FileNameHeader} header.");
        if (content.Length == 0) return ApiResult.BadRequest("The file is empty.");

        var drop = await drops.DropAsync(name, content, options.Value.EnqueueOnUpload, cancellationToken);
        return ApiResult.Accepted(new UploadView(drop.FileId, drop.BlobName, drop.AlreadyThere, $"/api/{ApiRoutes.Files}/{Uri.EscapeDataString(drop.FileId)}"));
    }

    private static ApiResult TooLarge() => new(413, new ApiError("too_large", $"Files over {MaxBytes / (1024 * 1024)} MB cannot be uploaded here."));
}
