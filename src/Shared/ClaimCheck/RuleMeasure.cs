namespace DenialPipeline.ClaimCheck;

/// <summary>Per rule: claims it flagged, denials it predicted, denials of its kind it missed, flags on claims paid in full.</summary>
public sealed record RuleMeasure(string Rule, int Flagged, int Predicted, int Missed, int FalseAlarms);
