namespace DenialPipeline.Letters;

/// <summary>A heading, paragraph, list item (with its bullet or number) or table of the letter.</summary>
internal sealed record PdfBlock(PdfBlockKind Kind, IReadOnlyList<PdfRun> Runs, string? Prefix = null, int Indent = 0, IReadOnlyList<IReadOnlyList<PdfCell>>? Rows = null)
{
    public IEnumerable<string> AllText() =>
        Runs.Select(r => r.Text)
            .Concat(Prefix is null ? [] : [Prefix])
            .Concat(Rows?.SelectMany(row => row.SelectMany(c => c.Runs.Select(r => r.Text))) ?? []);
}
