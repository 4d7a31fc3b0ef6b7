namespace DenialPipeline.ClaimCheck;

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
