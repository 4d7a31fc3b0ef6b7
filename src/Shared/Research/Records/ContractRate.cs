namespace DenialPipeline.Research.Records;

/// <summary>
/// A contracted (allowed) rate for a procedure with a payer, optionally for one modifier and a period: what an
/// underpayment is measured against. Imported as a records file (CSV or JSON: payer_id, procedure, modifier, rate,
/// effective_from, effective_to).
/// </summary>
public sealed record ContractRate(string PayerId, string Procedure, decimal Amount, string? Modifier = null)
{
    public const string Kind = "ContractRate";

    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }

    public bool EffectiveOn(DateOnly? date) => date is not { } d || ((EffectiveFrom is null || EffectiveFrom <= d) && (EffectiveTo is null || d <= EffectiveTo));

    /// <summary>The row-key prefix of a payer's rates for a procedure (a RowKey range query reads them).</summary>
    public static string Prefix(string payerId, string procedure) => RecordKeys.Of(payerId, procedure.ToUpperInvariant()) + "|";

    public string Key => RecordKeys.Of(PayerId, Procedure.ToUpperInvariant(), Modifier?.ToUpperInvariant(), EffectiveFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
