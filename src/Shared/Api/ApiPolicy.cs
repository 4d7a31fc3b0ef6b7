using DenialPipeline.Cases;

namespace DenialPipeline.Api;

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
        [("POST", ApiRoutes.RetryCase)] = Work,
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
