using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DenialPipeline.Api;

/// <summary>
/// What an API handler answers; both hosts write it the same way (an <see cref="IResult"/> for minimal APIs, an
/// <see cref="IActionResult"/> for the Functions ASP.NET Core integration).
/// </summary>
public sealed record ApiResult(int Status, object? Body, string? ETag = null, string ContentType = "application/json; charset=utf-8") : IResult, IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    public static ApiResult Ok(object body, string? etag = null) => new(200, body, etag);
    public static ApiResult Accepted(object body, string? etag = null) => new(202, body, etag);
    public static ApiResult NotFound(string message) => ApiProblems.Problem(ApiProblems.NotFound, message);
    public static ApiResult BadRequest(string message) => ApiProblems.Problem(ApiProblems.BadRequest, message);
    public static ApiResult Html(string html) => new(200, html, null, "text/html; charset=utf-8");

    /// <summary>For binary bodies: the download name (Content-Disposition).</summary>
    public string? FileName { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (ETag is not null) response.Headers.ETag = ETag;
        response.Headers.CacheControl = "no-store";
        Web.SecurityHeaders.Apply(response, Web.SecurityHeaders.InAzure);
        if (Body is null) return;
        response.ContentType = ContentType;
        if (Body is byte[] bytes)
        {
            if (FileName is not null) response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
        else if (Body is string text && !IsJson(ContentType))
            await response.WriteAsync(text, httpContext.RequestAborted);
        else
            await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), MessageJson.Options, httpContext.RequestAborted);
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.Ordinal) || contentType.StartsWith(ApiProblems.ContentType, StringComparison.Ordinal);
}
