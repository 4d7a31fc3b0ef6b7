namespace DenialPipeline.Research.Records;

/// <summary>What research found on file for a denial, as the case page shows it (ids, dates and kinds; the records hold the rest).</summary>
public sealed record RecordsFound(
    string? SubmittedClaimId,
    DateOnly? SubmittedServiceDate,
    string? PriorAuthorizationOnClaim,
    IReadOnlyList<string> Coverages,
    IReadOnlyList<string> Authorizations,
    IReadOnlyList<string> Encounters,
    string? PayerProfile,
    string? Provider,
    IReadOnlyList<string> SubmissionProofs,
    string? PatientLink = null,
    IReadOnlyList<string>? AdvanceNotices = null)
{
    public static RecordsFound From(RecordsSnapshot s) => new(
        s.Claim?.ClaimId,
        s.Claim?.ServiceDateStart,
        s.Claim?.PriorAuthorizationNumber,
        s.Coverages.Select(c => $"{c.PayerName ?? c.PayerId} ({c.Order}) {c.PeriodStart:yyyy-MM-dd} to {(c.PeriodEnd is { } e ? e.ToString("yyyy-MM-dd") : "open")}").ToList(),
        s.Authorizations.Select(a => $"{a.Number} {a.PeriodStart:yyyy-MM-dd} to {(a.PeriodEnd is { } e ? e.ToString("yyyy-MM-dd") : "open")}").ToList(),
        s.Encounters.Select(e => $"{e.Id} on {e.Date:yyyy-MM-dd}{(e.DocumentationPresent ? $", {e.Documents.Count} documents" : ", no documentation")}").ToList(),
        s.Payer is { } p ? $"{p.Name} ({p.PayerKind}{(p.AppealWindowDays is { } w ? $", appeal window {w} days" : "")})" : null,
        s.Provider is { } pr ? $"{pr.Name} (NPI {pr.Npi})" : null,
        s.SubmissionProofs.Select(p => $"{p.Source} accepted {p.AcceptedDate:yyyy-MM-dd}{(p.Reference is { } r ? $" ({r})" : "")}").ToList(),
        s.PatientLink.Explanation,
        s.AdvanceNotices.Select(n => $"ABN {n.Id} signed {n.SignedDate:yyyy-MM-dd} for {string.Join(", ", n.ProcedureCodes)}" +
            $"{(n.Option > 0 ? $", option {n.Option}" : "")}{(n.CoversThrough is { } t ? $", through {t:yyyy-MM-dd}" : "")}").ToList());
}
