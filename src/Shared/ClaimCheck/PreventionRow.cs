namespace DenialPipeline.ClaimCheck;

/// <summary>A payer or provider in the prevention view: its name, preventable denials, predicted, missed, money at stake.</summary>
public sealed record PreventionRow(string Id, string Name, int Denied, int Preventable, int Predicted, int Missed, decimal PreventableAmount, decimal PredictedAmount, string QueueLink);
