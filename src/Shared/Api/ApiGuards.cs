using DenialPipeline.Cases;
using DenialPipeline.Identities;
using DenialPipeline.Research.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Api;

/// <summary>
/// The request rules both hosts apply around the role check (<see cref="ApiAccess.AuthorizeAsync"/>): cross-site request
/// forgery, a Payer's registered identity, Admin-only imports and If-Match on approve and reject (docs/api.md).
/// </summary>
public sealed partial class ApiGuards(PayerIdentityStore identities, ILogger<ApiGuards> logger)
{
    /// <summary>The header the pages send on every call (api.js): a cross-site HTML form cannot set it.</summary>
    public const string CsrfHeader = "X-Requested-With";
    private const string PayerIdentityItem = "DenialPipeline.PayerIdentity";

    /// <summary>Query parameters a state-changing request may carry: the file name of an upload or import (never PHI).</summary>
    private static readonly HashSet<string> StateChangeQueryKeys = new(StringComparer.OrdinalIgnoreCase) { "name" };

    /// <summary>The Payer caller's identity (set by <see cref="CheckUserAsync"/>), or null.</summary>
    public static PayerIdentity? PayerIdentityOf(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(PayerIdentityItem, out var i) ? i as PayerIdentity : null;

    public static bool IsStateChanging(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    /// <summary>
    /// CSRF, before anyone is identified: a state-changing request is refused when the browser says it comes from another
    /// site (<c>Sec-Fetch-Site: cross-site</c>), or when it carries neither the pages' header, a bearer token nor a JSON
    /// body — the three things a cross-site form post cannot send (a form can only post simple content types with
    /// ambient cookies). Its data goes in the body, never the URL: query strings end up in logs. The signed webhook
    /// (no sign-in, no cookies) is exempt.
    /// </summary>
    public static ApiResult? CheckRequest(HttpRequest request, IReadOnlyList<Role>? allowed)
    {
        if (!IsStateChanging(request.Method) || allowed is { Count: 0 }) return null;
        if (string.Equals(request.Headers["Sec-Fetch-Site"].FirstOrDefault(), "cross-site", StringComparison.OrdinalIgnoreCase))
            return Refused(ApiProblems.Forbidden, "cross-site", "A state-changing request from another site is refused (Sec-Fetch-Site: cross-site).");
        var json = request.ContentType is { } type && type.Split(';')[0].Trim() is var media
            && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!json && request.Headers[CsrfHeader].Count == 0 && request.Headers.Authorization.Count == 0)
            return Refused(ApiProblems.Forbidden, "csrf", $"A state-changing request needs the {CsrfHeader} header (the pages send it), a bearer token or a JSON body (Content-Type: application/json).");
        if (request.Query.Keys.FirstOrDefault(k => !StateChangeQueryKeys.Contains(k)) is { } key)
            return Refused(ApiProblems.BadRequest, "query-in-url", $"Send '{key}' in the request body, not in the URL: a state-changing request takes no query parameters other than 'name'.");
        return null;
    }

    /// <summary>The rules that need the signed-in user; null when the request may go on.</summary>
    public async Task<ApiResult?> CheckUserAsync(HttpRequest request, string route, Caller? caller, CancellationToken cancellationToken)
    {
        var user = ApiAccess.UserOf(request);
        if (user.Role == Role.Payer)
        {
            var identity = await identities.GetAsync(user.ObjectId, cancellationToken);
            if (identity is null)
            {
                LogUnknownPayer(logger, request.Method, route);
                return Refused(ApiProblems.Forbidden, "unknown-payer-identity",
                    $"This payer identity (object id {user.ObjectId ?? "none"}) is not registered: an Admin maps it to its payer in payer-identities (docs/api.md, \"Payer identities\").");
            }
            request.HttpContext.Items[PayerIdentityItem] = identity;
        }
        var route0 = route.Trim('/');
        if (HttpMethods.IsPost(request.Method) && route0 is ApiRoutes.ApproveLetter or ApiRoutes.RejectLetter && request.Headers.IfMatch.Count == 0)
            return Refused(ApiProblems.PreconditionRequired, "if-match", "Send the letter's ETag as If-Match (GET /api/letters/{id}): approving or rejecting a version you have not seen is refused.");
        if (HttpMethods.IsPost(request.Method) && route0 == ApiRoutes.Records)
            return await CheckImportAsync(request, user, caller, cancellationToken);
        return null;
    }

    /// <summary>
    /// Reference data (<see cref="RecordFileKinds.IsAdminOnly"/>) is imported by Admins only: the file is classified by the
    /// same detection the import uses, so the rule and the import cannot disagree. An Admin who also holds Coder imports it
    /// as Admin (recorded so).
    /// </summary>
    private async Task<ApiResult?> CheckImportAsync(HttpRequest request, SignedInUser user, Caller? caller, CancellationToken ct)
    {
        if (request.ContentLength is > RecordsImport.MaxBytes) return null; // the handler answers 413 without reading it
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: RecordsImport.MaxBytes + 1);
        string text;
        try
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
            text = await reader.ReadToEndAsync(ct);
        }
        catch (IOException)
        {
            return null; // above the buffer limit: the handler refuses it (413) without importing anything
        }
        finally
        {
            if (request.Body.CanSeek) request.Body.Position = 0;
        }
        var kind = RecordImporter.DetectKind(text);
        if (!kind.IsAdminOnly()) return null;
        var admin = caller?.Roles.Any(r => string.Equals(r, nameof(Role.Admin), StringComparison.OrdinalIgnoreCase)) == true;
        if (!admin)
        {
            LogAdminOnlyImport(logger, kind.ToString());
            return Refused(ApiProblems.Forbidden, "admin-only", $"Only an Admin imports {kind} files (reference data); coders import claims, FHIR records and acknowledgments.");
        }
        if (user.Role != Role.Admin) ApiAccess.ActAs(request, user with { Role = Role.Admin });
        return null;
    }

    /// <summary>A refusal as a problem of that kind; <c>reason</c> names which guard refused, for clients and support.</summary>
    private static ApiResult Refused(ProblemKind kind, string reason, string message) =>
        ApiProblems.Problem(kind, message, [new KeyValuePair<string, object?>("reason", reason)]);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Access: {Method} {Route} refused: the Payer identity is not registered in payer-identities")]
    private static partial void LogUnknownPayer(ILogger logger, string method, string route);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Access: a {Kind} import refused: Admin only")]
    private static partial void LogAdminOnlyImport(ILogger logger, string kind);
}
