namespace DenialPipeline.Ingest;

/// <summary>An Admin's release or discard: when, who (name and object id), with which role, and why.</summary>
public sealed record QuarantineDecision(DateTimeOffset At, string Action, string Actor, string? ActorId, string Role, string Reason, IReadOnlyList<int> Transactions);
