using DenialPipeline.ClaimCheck;

namespace DenialPipeline.Api;

/// <summary>One stored check of a claim (the case page shows what the check said before submission).</summary>
public sealed record ClaimCheckHistoryView(string BatchId, string BatchName, DateTimeOffset CheckedAt, ClaimCheckResult? Result);
