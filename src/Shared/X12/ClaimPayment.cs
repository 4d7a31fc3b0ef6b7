namespace DenialPipeline.X12;

/// <summary>Loop 2100: a CLP and everything under it.</summary>
public sealed record ClaimPayment(
    string PatientControlNumber,
    string Status,
    decimal Charge,
    decimal Paid,
    decimal? PatientResponsibility,
    string? FilingIndicator,
    string? PayerClaimControlNumber,
    string? FacilityType,
    string? FrequencyCode,
    string? DrgCode,
    PersonName? Patient,
    PersonName? Insured,
    PersonName? CorrectedInsured,
    PersonName? RenderingProvider,
    DateOnly? ServiceDateStart,
    DateOnly? ServiceDateEnd,
    DateOnly? ReceivedDate,
    IReadOnlyDictionary<string, string> References,
    IReadOnlyDictionary<string, decimal> Amounts,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<string> Remarks,
    IReadOnlyList<ServiceLine> Lines,
    X12Position Position)
{
    /// <summary>CLP10 patient status code.</summary>
    public string? PatientStatusCode { get; init; }

    /// <summary>CLP12 DRG weight.</summary>
    public decimal? DrgWeight { get; init; }

    /// <summary>CLP13 discharge fraction (percent).</summary>
    public decimal? DischargeFraction { get; init; }

    /// <summary>CLP14 yes/no condition (5010).</summary>
    public string? YesNoCondition { get; init; }

    /// <summary>CLP02 = 22: a reversal of an earlier payment, never a new denial.</summary>
    public bool Reversal => Status == "22";

    /// <summary>Needs a coder's work (DOMAIN.md): status 4, paid zero with non-PR adjustments, or a denied line.</summary>
    public bool Denied => DenialRules.IsClaimDenied(this);

    /// <summary>Whether one of this claim's lines needs work (never on a reversal).</summary>
    public bool IsLineDenied(ServiceLine line) => DenialRules.IsLineDenied(this, line);

    /// <summary>Claim-level and line-level adjustments together.</summary>
    public IEnumerable<Adjustment> AllAdjustments => Adjustments.Concat(Lines.SelectMany(l => l.Adjustments));
}
