using DenialPipeline.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Api;

/// <summary>
/// The central authorization check both hosts run before every API handler: no principal → 401, no allowed role → 403.
/// The identity comes from a host sign-in placed in <see cref="HttpContext.Items"/> (the local host's development
/// sign-in) or, only when trusted, from App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c>.
/// </summary>
public sealed partial class ApiAccess(IOptions<AuthOptions> options, ILogger<ApiAccess> logger, ApiGuards? guards = null)
{
    /// <summary>Where a host's own sign-in puts the <see cref="Caller"/> (never settable from outside the process).</summary>
    public const string CallerItem = "DenialPipeline.Caller";
    private const string UserItem = "DenialPipeline.SignedInUser";

    public bool TrustsClientPrincipal => options.Value.TrustClientPrincipal;

    /// <summary>The caller, or null when nobody is signed in (or only an untrusted header claims so).</summary>
    public Caller? Identify(HttpRequest request)
    {
        if (request.HttpContext.Items.TryGetValue(CallerItem, out var item) && item is Caller signedIn) return signedIn;
        if (!TrustsClientPrincipal) return null;
        var caller = Caller.From(request);
        return ReferenceEquals(caller, Caller.Anonymous) ? null : caller;
    }

    /// <summary>Null when the request may go on (and <see cref="UserOf"/> then answers); otherwise the 401/403 to return.</summary>
    public ApiResult? Authorize(HttpRequest request, IReadOnlyList<Role>? allowed)
    {
        if (allowed is null)
        {
            LogNoRule(logger, request.Method, request.Path.Value ?? "");
            return Forbidden("This endpoint has no access rule.");
        }
        if (allowed.Count == 0) return null;
        var caller = Identify(request);
        if (caller is null)
            return ApiProblems.Problem(ApiProblems.Unauthorized, "Sign in first.");
        foreach (var role in allowed)
        {
            if (!caller.Roles.Any(r => string.Equals(r, role.ToString(), StringComparison.OrdinalIgnoreCase))) continue;
            request.HttpContext.Items[UserItem] = new SignedInUser(caller.Name, role, caller.ObjectId);
            return null;
        }
        LogForbidden(logger, request.Method, request.Path.Value ?? "");
        return Forbidden($"This needs one of the roles: {string.Join(", ", allowed)}.");
    }

    /// <summary>Authorizes by the policy table, then runs the handler (the Functions adapters use this).</summary>
    public async Task<ApiResult> RunAsync(HttpRequest request, string route, Func<Task<ApiResult>> handler) =>
        await AuthorizeAsync(request, route) ?? await handler();

    /// <summary>
    /// The whole check both hosts run before a handler: the request guards that need no identity (CSRF), the role table,
    /// then the guards that need one (a Payer's identity, Admin-only imports, If-Match). Null when the request may go on.
    /// </summary>
    public async Task<ApiResult?> AuthorizeAsync(HttpRequest request, string route)
    {
        var allowed = ApiPolicy.For(request.Method, route);
        if ((ApiGuards.CheckRequest(request, allowed) ?? Authorize(request, allowed)) is { } refused) return refused;
        if (allowed is not { Length: > 0 }) return null; // the signed webhook checks its own signature
        var checks = guards ?? request.HttpContext.RequestServices?.GetService(typeof(ApiGuards)) as ApiGuards
            ?? throw new InvalidOperationException("ApiGuards is not registered (services.AddDenialPipeline registers it).");
        return await checks.CheckUserAsync(request, route, Identify(request), request.HttpContext.RequestAborted);
    }

    /// <summary>Replaces the acting user (an Admin-only import acts with Admin although the list names Coder first).</summary>
    internal static void ActAs(HttpRequest request, SignedInUser user) => request.HttpContext.Items[UserItem] = user;

    /// <summary>The authorized user of this request (set by <see cref="Authorize"/>).</summary>
    public static SignedInUser UserOf(HttpRequest request) =>
        request.HttpContext.Items.TryGetValue(UserItem, out var u) && u is SignedInUser user
            ? user
            : throw new InvalidOperationException("The request was not authorized: call ApiAccess.Authorize first.");

    /// <summary>
    /// The payer account the caller is limited to when acting as Payer (its identity's <c>payer</c>: the folder
    /// <c>drops/{payer}/</c> and container <c>drops-{payer}</c>); null for everyone else. Never derived from a name.
    /// </summary>
    public static string? PayerFolderOf(HttpRequest request) =>
        UserOf(request) is not { Role: Role.Payer } ? null
        : ApiGuards.PayerIdentityOf(request)?.Payer
          ?? throw new InvalidOperationException("A Payer request without its payer identity: call ApiAccess.AuthorizeAsync first.");

    private static ApiResult Forbidden(string message) => ApiProblems.Problem(ApiProblems.Forbidden, message);

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Access: {Method} {Path} refused: the caller has none of the roles allowed")]
    private static partial void LogForbidden(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Access: {Method} {Path} has no access rule; refused")]
    private static partial void LogNoRule(ILogger logger, string method, string path);
}
