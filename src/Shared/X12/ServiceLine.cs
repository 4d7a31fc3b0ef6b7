namespace DenialPipeline.X12;

public sealed record ServiceLine(
    string? ProcedureQualifier,
    string Procedure,
    IReadOnlyList<string> Modifiers,
    decimal Charge,
    decimal Paid,
    string? RevenueCode,
    decimal? Units,
    string? OriginalProcedureQualifier,
    string? OriginalProcedure,
    IReadOnlyList<string> OriginalModifiers,
    DateOnly? ServiceDate,
    DateOnly? ServiceDateEnd,
    string? LineControlNumber,
    IReadOnlyDictionary<string, string> References,
    decimal? AllowedAmount,
    IReadOnlyDictionary<string, decimal> Amounts,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<string> Remarks,
    X12Position Position)
{
    /// <summary>SVC01-7 procedure description.</summary>
    public string? Description { get; init; }

    /// <summary>SVC07 original units of service (when the payer changed them).</summary>
    public decimal? OriginalUnits { get; init; }

    /// <summary>
    /// Paid zero, or reduced, by a CO/OA/PI adjustment that is not plain contractual — judged on the line alone. A line
    /// of a reversal (CLP02 = 22) is never a denial: use <see cref="ClaimPayment.IsLineDenied"/>, which knows the claim.
    /// </summary>
    public bool Denied => DenialRules.IsLineDenied(this);
}
