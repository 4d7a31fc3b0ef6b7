using PdfSharp.Drawing;

namespace DenialPipeline.Letters;

/// <summary>One thing to draw on a page: text in a font at a point, or (no text) a rule of the given width.</summary>
internal sealed record PdfDrawOp(string? Text, XFont? Font, double X, double Y, double Width = 0);
