namespace DenialPipeline.Research;

/// <summary>Priority = Amount × RecoveryLikelihood × Urgency, with the parts kept so the ranking can be explained.</summary>
public sealed record Priority(decimal Score, decimal Amount, decimal RecoveryLikelihood, decimal Urgency, string Explanation);
