namespace DenialPipeline.Letters;

/// <summary>A table cell's text; header cells are bold.</summary>
internal sealed record PdfCell(IReadOnlyList<PdfRun> Runs, bool Header);
