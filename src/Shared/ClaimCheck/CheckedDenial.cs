namespace DenialPipeline.ClaimCheck;

/// <summary>A later denial of a checked claim: its CARCs (reason codes, no group), the amount denied, the payer.</summary>
public sealed record CheckedDenial(IReadOnlySet<string> Carcs, decimal Amount, string PayerId, string PayerName);
