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
        return ApiProblems.From(r, FileView.From, successStatus: StatusCodes.Status202Accepted);
    }
}
