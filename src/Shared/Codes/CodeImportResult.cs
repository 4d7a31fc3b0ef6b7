namespace DenialPipeline.Codes;

/// <summary>What <see cref="CodeBook.ImportOfficialList"/> took (added or updated) and what it rejected.</summary>
public sealed record CodeImportResult(
    CodeKind Kind,
    IReadOnlyList<CodeValue> Added,
    IReadOnlyList<CodeValue> Updated,
    IReadOnlyList<CodeImportRejection> Rejected)
{
    public int Taken => Added.Count + Updated.Count;
}
