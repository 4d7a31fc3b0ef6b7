namespace DenialPipeline.ClaimCheck;

/// <summary>A finding as the API, CSV and page show it: severity spelled <c>warn</c> or <c>fix-first</c>.</summary>
public sealed record FindingView(string Rule, string Severity, string Evidence, string Fix, int? Line, double Probability, IReadOnlyList<string> Carcs)
{
    public static FindingView From(Finding f) => new(f.Rule, ClaimCheckStatusNames.Of(f.Severity), f.Evidence, f.Fix, f.Line, Math.Round(f.Probability, 3), f.Carcs);
}

/// <summary>
/// The check of one claim: ready / warn / fix-first, the findings, and the predicted denial risk (0–1) with its parts.
/// Ids, not PHI: claim id (CLM01), payer, provider NPI, dates, charge.
/// </summary>
public sealed record ClaimCheckResult(
    string ClaimId,
    string Status,
    double Risk,
    IReadOnlyList<RiskPart> RiskParts,
    IReadOnlyList<FindingView> Findings,
    string? PayerId,
    string? PayerName,
    string? ProviderNpi,
    DateOnly ServiceDate,
    decimal Charge,
    string Source)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public ClaimCheckStatus Outcome => Status switch { "fix-first" => ClaimCheckStatus.FixFirst, "warn" => ClaimCheckStatus.Warn, _ => ClaimCheckStatus.Ready };
}

/// <summary>A claim of the input that could not be checked (no CLM01, no date of service, unreadable FHIR entry): where and why.</summary>
public sealed record ClaimCheckInputError(string Source, string Reason);

/// <summary>The check of a batch: one result per claim, and what could not be checked.</summary>
public sealed record ClaimCheckReport(string BatchId, IReadOnlyList<ClaimCheckResult> Results, IReadOnlyList<ClaimCheckInputError> Errors)
{
    public int Ready => Results.Count(r => r.Outcome == ClaimCheckStatus.Ready);
    public int Warn => Results.Count(r => r.Outcome == ClaimCheckStatus.Warn);
    public int FixFirst => Results.Count(r => r.Outcome == ClaimCheckStatus.FixFirst);
}
