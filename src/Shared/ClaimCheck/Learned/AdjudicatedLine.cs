namespace DenialPipeline.ClaimCheck.Learned;

/// <summary>
/// One service line a payer adjudicated in our own 835s: paid, or denied with its CARCs. What the learned rule counts.
/// <see cref="Diagnosis"/> is the principal diagnosis of the claim as submitted, when the 837 is on file.
/// </summary>
public sealed record AdjudicatedLine(
    string ClaimId, string PayerId, string? PayerName, string Procedure, IReadOnlyList<string> Modifiers, string? Diagnosis,
    DateOnly ServiceDate, bool Denied, IReadOnlyList<string> Carcs);
