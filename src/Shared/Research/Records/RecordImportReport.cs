namespace DenialPipeline.Research.Records;

/// <summary>What an import took, by kind, and every row it could not use with the reason.</summary>
public sealed record RecordImportReport(string File, string Format, IReadOnlyDictionary<string, int> Stored, IReadOnlyList<ImportRejection> Rejections)
{
    public int Total => Stored.Values.Sum();
}
