namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>
/// One medically unlikely edit: the most units of a code for one beneficiary. The adjudication indicator (MAI) says how
/// it is applied: 1 per claim line, 2 per day by policy (absolute), 3 per day clinically (payable on appeal with records).
/// </summary>
public sealed record MueLimit(string Code, decimal Units, int AdjudicationIndicator, string Rationale);
