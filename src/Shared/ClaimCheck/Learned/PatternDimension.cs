namespace DenialPipeline.ClaimCheck.Learned;

/// <summary>Which dimensions a pattern is keyed on beyond payer × procedure.</summary>
public enum PatternDimension { Procedure, Modifiers, Diagnosis }
