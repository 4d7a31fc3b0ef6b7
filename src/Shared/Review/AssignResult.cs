using DenialPipeline.Cases;

namespace DenialPipeline.Review;

/// <summary>The answer of a case assignment: the outcome and the case as it is.</summary>
public sealed record AssignResult(ReviewOutcome Outcome, CaseEntity? Case, string? Message = null);
