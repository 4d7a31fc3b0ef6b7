namespace DenialPipeline.Codes;

/// <summary>
/// A CARC with our plain-English wording, its category, the usual next step, how often such
/// denials are recovered (0–1) and the claim element it points at when it points at one. <see cref="Known"/> is false for a code that is in no list we hold.
/// </summary>
public sealed record CarcInfo(
    CodeValue Code,
    bool Known,
    string Description,
    DenialCategory Category,
    ResolutionAction DefaultAction,
    decimal RecoveryLikelihood,
    ClaimElement? Element = null,
    string? OfficialDescription = null,
    DateOnly? StartDate = null,
    DateOnly? LastModified = null,
    DateOnly? StopDate = null)
{
    /// <summary>False once the official list has stopped the code (stop date on or before <paramref name="date"/>).</summary>
    public bool IsActiveOn(DateOnly date) => StopDate is null || StopDate.Value > date;
}
