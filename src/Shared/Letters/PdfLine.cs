namespace DenialPipeline.Letters;

/// <summary>One wrapped line: its segments and its height.</summary>
internal sealed record PdfLine(IReadOnlyList<PdfSegment> Segments, double Height);
