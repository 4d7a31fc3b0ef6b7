namespace DenialPipeline.Letters;

/// <summary>
/// Everything a letter may use. Every field is optional except <see cref="CaseId"/>: a template that
/// references a field that is null (or a list that is empty) renders a visible "needs input" marker and
/// the renderer lists the field in <see cref="RenderedLetter.MissingFields"/>. Values are data: they are
/// HTML-encoded and never evaluated as Liquid.
/// </summary>
public sealed record LetterContext
{
    public required string CaseId { get; init; }

    /// <summary>Date printed on the letter. Callers pass the date from their <see cref="TimeProvider"/>.</summary>
    public DateOnly? LetterDate { get; init; }

    public PayerInfo? Payer { get; init; }
    public ProviderInfo? Provider { get; init; }
    public PatientInfo? Patient { get; init; }
    public ClaimInfo? Claim { get; init; }
    public IReadOnlyList<ServiceLineInfo> ServiceLines { get; init; } = [];
    public IReadOnlyList<DenialReasonInfo> DenialReasons { get; init; } = [];
    public IReadOnlyList<RemarkInfo> Remarks { get; init; } = [];

    /// <summary>Sentences drawn from research evidence (records, policy, LCD/NCD citations).</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public string? AuthorizationNumber { get; init; }
    public TimelyFilingProof? TimelyFilingProof { get; init; }
    public IReadOnlyList<string> Enclosures { get; init; } = [];

    /// <summary>The action asked of the recipient, e.g. "reprocess the claim and pay the denied amount".</summary>
    public string? ActionRequested { get; init; }

    /// <summary>1 for a first-level appeal, 2 for reconsideration, …</summary>
    public int? AppealLevel { get; init; }

    /// <summary>Filing deadline for an appeal, or the answer-by date for a provider query.</summary>
    public DateOnly? Deadline { get; init; }

    public ProviderQueryInfo? Query { get; init; }

    /// <summary>For a Medicare reopening request: the clerical error to correct.</summary>
    public ReopeningInfo? Reopening { get; init; }

    /// <summary>For a later Medicare appeal level: the office it is filed with (QIC, OMHA), from the previous decision's notice.</summary>
    public AppealOffice? AppealOffice { get; init; }

    /// <summary>For an ALJ hearing request: the amount in controversy and the year's threshold.</summary>
    public AmountInControversyInfo? AmountInControversy { get; init; }
}
