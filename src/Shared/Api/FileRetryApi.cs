using DenialPipeline.Ingest;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>POST /api/files/{id}/retry: queues a failed file for ingest again (both hosts call this).</summary>
public sealed class FileRetryApi(FileRetryHandler retry)
{
    public async Task<ApiResult> RetryAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        var user = ApiAccess.UserOf(request);
        var r = await retry.RetryAsync(id, user.Actor, user.Role.ToString(), cancellationToken);
        return r.Outcome switch
        {
            FileRetryOutcome.Queued => ApiResult.Accepted(FileView.From(r.File!)),
            FileRetryOutcome.NotFound => ApiResult.NotFound(r.Message!),
            FileRetryOutcome.BlobMissing => new ApiResult(409, new ApiError("blob_missing", r.Message!, FileView.From(r.File!))),
            FileRetryOutcome.NotADropContainer => new ApiResult(409, new ApiError("not_a_drop_container", r.Message!, FileView.From(r.File!))),
            _ => new ApiResult(409, new ApiError("invalid_state", r.Message!, r.File is null ? null : FileView.From(r.File))),
        };
    }
}
