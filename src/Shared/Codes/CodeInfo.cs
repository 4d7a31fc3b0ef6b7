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

/// <summary>A CAS01 group code: what it means and whether the patient may be billed for the amount.</summary>
public sealed record GroupCodeInfo(CodeValue Code, bool Known, string Meaning, bool PatientMayBeBilled, string WhoMayBeBilled);

/// <summary>A row of an official code list that was not taken, with its 1-based row number in the file.</summary>
public sealed record CodeImportRejection(int Row, string? Code, string Reason);

/// <summary>What <see cref="CodeBook.ImportOfficialList"/> took (added or updated) and what it rejected.</summary>
public sealed record CodeImportResult(
    CodeKind Kind,
    IReadOnlyList<CodeValue> Added,
    IReadOnlyList<CodeValue> Updated,
    IReadOnlyList<CodeImportRejection> Rejected)
{
    public int Taken => Added.Count + Updated.Count;
}
