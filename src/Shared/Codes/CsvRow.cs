namespace DenialPipeline.Codes;

/// <summary>One CSV record: the 1-based line number it starts on and its fields.</summary>
internal sealed record CsvRow(int Row, IReadOnlyList<string> Fields)
{
    public string Field(int index) => index >= 0 && index < Fields.Count ? Fields[index].Trim() : string.Empty;

    public bool IsBlank => Fields.All(f => f.Trim().Length == 0);
}
