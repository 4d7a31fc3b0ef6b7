namespace DenialPipeline.ClaimCheck;

/// <summary>The check's own measure, joined from stored checks, later denials (cases) and later payments (paid services).</summary>
public sealed record PreventionReport(
    int Checked, int WithOutcome, int Denied, int Preventable, int Predicted, int Missed, int FalseAlarms,
    decimal PreventableAmount, decimal PredictedAmount,
    IReadOnlyList<RuleMeasure> ByRule, IReadOnlyList<PreventionRow> ByPayer, IReadOnlyList<PreventionRow> ByProvider);
