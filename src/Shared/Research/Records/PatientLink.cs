namespace DenialPipeline.Research.Records;

/// <summary>
/// Which Patient records research tied a denial to, and how, so a coder can judge the tie. An ambiguous link keeps the
/// candidates (record ids only) but uses none of them.
/// </summary>
public sealed record PatientLink
{
    /// <summary>The Evidence check name: a fact about our records, for the coder, not an argument to the payer.</summary>
    public const string Check = "Patient records";

    public PatientLinkMethod Method { get; init; } = PatientLinkMethod.None;
    /// <summary>The Patient record ids whose coverages, encounters and authorizations research used (empty when none or ambiguous).</summary>
    public IReadOnlyList<string> PatientIds { get; init; } = [];
    /// <summary>For an ambiguous link: the Patient record ids that fit equally.</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];
    /// <summary>One sentence saying how the records were tied (record ids and kinds, never names, birth dates or member ids).</summary>
    public string Explanation { get; init; } = "No Patient record was looked for.";

    public static PatientLink NotLinked { get; } = new();
}
