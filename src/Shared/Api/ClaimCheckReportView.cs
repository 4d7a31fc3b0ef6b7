using DenialPipeline.ClaimCheck;

namespace DenialPipeline.Api;

/// <summary>The answer of a check: counts by status, one result per claim, the claims that could not be checked.</summary>
public sealed record ClaimCheckReportView(string BatchId, int Claims, int Ready, int Warn, int FixFirst, IReadOnlyList<ClaimCheckResult> Results, IReadOnlyList<ClaimCheckInputError> Errors);
