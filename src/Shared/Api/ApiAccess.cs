using DenialPipeline.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Api;

/// <summary>Settings section "Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Trust the <c>X-MS-CLIENT-PRINCIPAL</c> header. Only App Service Authentication may set it (the platform strips
    /// it from outside requests); a host that does not sit behind it must ignore the header, or anyone could forge it.
    /// True when this setting says so, or when the platform reports Easy Auth on (<c>WEBSITE_AUTH_ENABLED</c>).
    /// </summary>
    public bool TrustClientPrincipal { get; set; }
}

/// <summary>
/// Who may call what: one table keyed by HTTP method and route template (relative to <c>/api</c>), used by both hosts
/// (the local host's endpoint filter, the Functions adapters). A route with no rule is refused (deny by default).
/// An empty role list means "no sign-in; the handler authenticates the request itself" (the signed SendGrid webhook).
/// </summary>
public static class ApiPolicy
{
    // Order matters: a caller acts with the FIRST role of the endpoint's list it holds (ApiAccess.Authorize), never with
    // the order of its role claims (a token promises none). Writes list the narrowest role first: Coder before Admin,
    // and Payer first for uploads, so a user who is Payer and staff uploads confined to its own folder (docs/api.md).
    public static readonly Role[] Read = [Role.Coder, Role.Manager, Role.Admin];
    public static readonly Role[] Work = [Role.Coder, Role.Admin];
    public static readonly Role[] Assign = [Role.Coder, Role.Manager, Role.Admin];
    public static readonly Role[] FilesRead = [Role.Coder, Role.Manager, Role.Admin, Role.Payer];
    public static readonly Role[] Upload = [Role.Payer, Role.Coder, Role.Admin];
    public static readonly Role[] Metrics = [Role.Manager, Role.Admin];
    public static readonly Role[] Anyone = [Role.Coder, Role.Manager, Role.Admin, Role.Payer];
    public static readonly Role[] SignedWebhook = [];
    public static readonly Role[] AdminOnly = [Role.Admin];

    public static readonly IReadOnlyDictionary<(string Method, string Route), Role[]> Rules = new Dictionary<(string, string), Role[]>
    {
        [("GET", ApiRoutes.Me)] = Anyone,
        [("GET", ApiRoutes.Cases)] = Read,
        [("GET", ApiRoutes.Case)] = Read,
        [("GET", ApiRoutes.Codes)] = Read,
        [("GET", ApiRoutes.CaseHistory)] = Read,
        [("POST", ApiRoutes.AssignCase)] = Assign,
        [("GET", ApiRoutes.Letters)] = Read,
        [("GET", ApiRoutes.Letter)] = Read,
        [("GET", ApiRoutes.LetterPdf)] = Read,
        [("PUT", ApiRoutes.Letter)] = Work,
        [("GET", ApiRoutes.LetterVersions)] = Read,
        [("GET", ApiRoutes.LetterVersion)] = Read,
        [("POST", ApiRoutes.ApproveLetter)] = Work,
        [("POST", ApiRoutes.RejectLetter)] = Work,
        [("POST", ApiRoutes.SubmittedLetter)] = Work,
        [("GET", ApiRoutes.Files)] = FilesRead,
        [("POST", ApiRoutes.Files)] = Upload,
        [("GET", ApiRoutes.File)] = FilesRead,
        [("POST", ApiRoutes.RetryFile)] = Work,
        [("GET", ApiRoutes.Unmatched)] = Read,
        [("POST", ApiRoutes.Records)] = Work,
        [("POST", ApiRoutes.CloseCase)] = Work,
        [("GET", ApiRoutes.Metrics)] = Metrics,
        [("GET", ApiRoutes.MetricsCsv)] = Metrics,
        [("POST", ApiRoutes.SendGridEvents)] = SignedWebhook,
        [("POST", ApiRoutes.ClaimsCheck)] = Work,
        [("GET", ApiRoutes.ClaimsCheckBatch)] = Read,
        [("GET", ApiRoutes.ClaimsCheckClaim)] = Read,
        [("GET", ApiRoutes.ClaimsCheckMetrics)] = Metrics,
        [("GET", ApiRoutes.ClaimsCheckMetricsCsv)] = Metrics,
        [("POST", ApiRoutes.ReleaseFile)] = AdminOnly,
        [("POST", ApiRoutes.DiscardFile)] = AdminOnly,
        [("GET", ApiRoutes.PayerIdentities)] = AdminOnly,
        [("PUT", ApiRoutes.PayerIdentity)] = AdminOnly,
        [("DELETE", ApiRoutes.PayerIdentity)] = AdminOnly,
    };

    /// <summary>The roles allowed, or null when the route has no rule (refused).</summary>
    public static Role[]? For(string method, string route) =>
        Rules.TryGetValue((method.ToUpperInvariant(), route.Trim('/')), out var roles) ? roles : null;
}

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
