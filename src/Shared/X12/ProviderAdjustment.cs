namespace DenialPipeline.X12;

/// <summary>PLB: a provider-level adjustment (WO, FB, L6, …) that changes BPR02 but belongs to no claim.</summary>
public sealed record ProviderAdjustment(string? ProviderId, DateOnly? FiscalPeriodEnd, string ReasonCode, string? Reference, decimal Amount, X12Position Position);
