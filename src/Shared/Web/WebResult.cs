using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DenialPipeline.Web;

/// <summary>A page, asset or redirect, written the same way by both hosts (like <c>ApiResult</c>).</summary>
public sealed record WebResult(int Status, string ContentType, byte[]? Content, string? ETag, string? Location = null) : IResult, IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = WebUi.ContentSecurityPolicy;
        SecurityHeaders.Apply(response, SecurityHeaders.InAzure);
        headers.CacheControl = "no-cache";
        if (ETag is not null) headers.ETag = ETag;
        if (Location is not null) headers.Location = Location;
        if (Content is null) return;
        response.ContentType = ContentType;
        response.ContentLength = Content.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
            await response.Body.WriteAsync(Content, httpContext.RequestAborted);
    }
}
