namespace DenialPipeline.Api;

/// <summary>
/// The API's routes (relative to <c>/api</c>, as Azure Functions prefixes HTTP triggers). The Functions app declares one
/// function per route with these templates; the local host maps them all with <see cref="ApiEndpoints.MapPipelineApi"/>.
/// </summary>
public static class ApiRoutes
{
    /// <summary>
    /// Every API route starts with this; no web page does. host.json sets the Functions route prefix to "" (the web pages
    /// live at the root, see Web/WebUi.cs), so every Functions API route is written <c>Route = ApiRoutes.Prefix + ApiRoutes.X</c>.
    /// </summary>
    public const string Prefix = "api/";
    public const string Codes = "codes";

    public const string Cases = "cases";
    public const string Case = "cases/{id}";
    public const string CaseHistory = "cases/{id}/history";
    public const string Letters = "letters";
    public const string Letter = "letters/{id}";
    public const string LetterPdf = "letters/{id}/pdf";
    public const string ApproveLetter = "letters/{id}/approve";
    public const string RejectLetter = "letters/{id}/reject";
    public const string Files = "files";
    public const string File = "files/{id}";
    public const string RetryFile = "files/{id}/retry";
    // Review, roles and delivery tracking (issue 6).
    public const string Me = "me";
    public const string AssignCase = "cases/{id}/assign";
    public const string LetterVersions = "letters/{id}/versions";
    public const string LetterVersion = "letters/{id}/versions/{n}";
    public const string SubmittedLetter = "letters/{id}/submitted";
    public const string SendGridEvents = "sendgrid/events";
    public const string Unmatched = "unmatched";
    public const string Records = "records";
    public const string CloseCase = "cases/{id}/close";
    public const string RetryCase = "cases/{id}/retry";
    public const string Metrics = "metrics";
    public const string MetricsCsv = "metrics.csv";
    // Trust boundaries (issue 18): payer identities and quarantined files (Admin).
    public const string PayerIdentities = "payer-identities";
    public const string PayerIdentity = "payer-identities/{id}";
    public const string ReleaseFile = "files/{id}/release";
    public const string DiscardFile = "files/{id}/discard";
    // Pre-submission claim check (issue 21).
    public const string ClaimsCheck = "claims/check";
    public const string ClaimsCheckBatch = "claims/check/batches/{id}";
    public const string ClaimsCheckClaim = "claims/check/claims/{id}";
    public const string ClaimsCheckMetrics = "claims/check/metrics";
    public const string ClaimsCheckMetricsCsv = "claims/check/metrics.csv";
}
