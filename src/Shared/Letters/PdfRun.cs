namespace DenialPipeline.Letters;

/// <summary>Text in one style, or a line break.</summary>
internal sealed record PdfRun(string Text, bool Bold, bool Italic, bool LineBreak = false);
