namespace DenialPipeline.Codes;

/// <summary>A RARC: its text, whether it is an informational "Alert", and the claim element it names as missing when it does.</summary>
public sealed record RarcInfo(
    CodeValue Code,
    bool Known,
    string Text,
    bool Alert,
    ClaimElement? MissingElement,
    string? OfficialDescription = null,
    DateOnly? StartDate = null,
    DateOnly? LastModified = null,
    DateOnly? StopDate = null)
{
    public bool IsActiveOn(DateOnly date) => StopDate is null || StopDate.Value > date;
}
