namespace DenialPipeline.X12;

public enum AdjustmentLevel { Claim, Line }
