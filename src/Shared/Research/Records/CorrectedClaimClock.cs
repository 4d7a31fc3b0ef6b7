namespace DenialPipeline.Research.Records;

/// <summary>What a payer counts a corrected or replacement claim's window from (a payer-profile field).</summary>
public enum CorrectedClaimClock
{
    /// <summary>The date of service, like the timely filing limit.</summary>
    DateOfService,
    /// <summary>The date the payer processed the original claim (the remittance date).</summary>
    OriginalProcessingDate,
}
