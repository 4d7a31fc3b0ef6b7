using DenialPipeline.Review;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>POST /api/cases/{id}/retry: researches and drafts a failed case again (both hosts call this).</summary>
public sealed class CaseRetryApi(CaseRetryHandler retry)
{
    public async Task<ApiResult> RetryAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        var user = ApiAccess.UserOf(request);
        var r = await retry.RetryAsync(id, user.Actor, user.Role.ToString(), cancellationToken);
        return ApiProblems.From(r, CaseSummaryView.From, successStatus: StatusCodes.Status202Accepted);
    }
}
