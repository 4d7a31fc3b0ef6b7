using DenialPipeline.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>
/// The web pages at the root (host.json routePrefix ""), served by the same <see cref="WebUi"/> as the local host.
/// Their routes have at most one segment (or start with <c>letters/</c> or <c>cases/</c>, the email links), so they never overlap an <c>api/…</c> route
/// whatever order the Functions host tries routes in.
/// </summary>
public sealed class WebFunctions
{
    [Function("WebAsset")]
    public IActionResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = WebRoutes.Asset)] HttpRequest req, string? file) =>
        WebUi.Serve(file, req.Headers.IfNoneMatch);

    [Function("WebLetterLink")]
    public IActionResult LetterLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.LetterLink)] HttpRequest req, string id) =>
        WebUi.LetterLink(id);

    [Function("WebCaseLink")]
    public IActionResult CaseLink([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebRoutes.CaseLink)] HttpRequest req, string id) =>
        WebUi.CaseLink(id);
}
