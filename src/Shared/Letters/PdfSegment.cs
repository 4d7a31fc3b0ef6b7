using PdfSharp.Drawing;

namespace DenialPipeline.Letters;

/// <summary>Text in one font at an offset within its line.</summary>
internal sealed record PdfSegment(string Text, XFont Font, double X);
