namespace DenialPipeline.X12;

/// <summary>One complete claim payment (loop 2100 with its service lines).</summary>
public sealed record ClaimRead(RemittanceTransaction Transaction, ClaimPayment Claim) : RemittanceEvent;
