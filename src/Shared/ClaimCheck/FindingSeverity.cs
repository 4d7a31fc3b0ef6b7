namespace DenialPipeline.ClaimCheck;

/// <summary>How sure a rule is that the payer will deny: <see cref="FixFirst"/> = correct before sending.</summary>
public enum FindingSeverity { Warn, FixFirst }
