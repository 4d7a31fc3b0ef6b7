namespace DenialPipeline.ClaimCheck;

/// <summary>
/// The pre-submission rules of one payer (or of a payer kind, the default): merged from <c>Data/payer-rules.json</c>,
/// kind first, then the payer's own entry. Null fields fall back to the kind.
/// </summary>
public sealed record PayerRules
{
    /// <summary>An organization billing (NM1*85 entity 2) must name the rendering provider (837P loop 2310B; Medicare RARC N290).</summary>
    public bool RequireRenderingForOrganization { get; init; }
    /// <summary>Procedures that need a referring/ordering provider (NM1*DN), e.g. Medicare's ordering/referring edits.</summary>
    public CodeSet ReferringRequiredFor { get; init; } = CodeSet.Empty;
    public string? ReferringSource { get; init; }
    public IReadOnlyList<RequiredModifier> RequiredModifiers { get; init; } = [];
    public IReadOnlyList<PriorAuthorizationList> PriorAuthorization { get; init; } = [];
    /// <summary>Days to file from the date of service (institutional: the through date when <see cref="TimelyFromThroughDate"/>); null: the payer profile's.</summary>
    public int? TimelyFilingDays { get; init; }
    public bool TimelyFromThroughDate { get; init; }
    public string? TimelyFilingSource { get; init; }
    /// <summary>Warn when fewer days than this are left to file.</summary>
    public int TimelyFilingWarnDays { get; init; } = 30;
    /// <summary>Apply CMS NCCI edits (Medicare and Medicaid by statute; many commercial payers by contract).</summary>
    public bool ApplyNcci { get; init; } = true;
}
