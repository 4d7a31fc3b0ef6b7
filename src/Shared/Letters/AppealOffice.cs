namespace DenialPipeline.Letters;

/// <summary>
/// The office a later Medicare appeal level is filed with — the QIC named on the redetermination notice (level 2), the
/// OMHA office named on the QIC's reconsideration notice (level 3) — never the MAC that decided the claim: a request filed
/// at the wrong office is filed late. Unknown until a coder enters it from the notice (the letter shows "needs input").
/// </summary>
public sealed record AppealOffice
{
    public string? Name { get; init; }
    public PostalAddress? Address { get; init; }

    /// <summary>The appeal number the previous level's notice gives (the QIC's, for an ALJ hearing request).</summary>
    public string? AppealNumber { get; init; }
}
