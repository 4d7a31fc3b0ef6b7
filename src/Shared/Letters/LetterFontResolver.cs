using PdfSharp.Fonts;

namespace DenialPipeline.Letters;

/// <summary>
/// Serves DejaVu Sans (regular and bold, embedded in this assembly, Bitstream Vera licence: see
/// Fonts/LICENSE-DejaVu.txt) under the family name <see cref="FamilyName"/>. Italic is simulated.
/// No system fonts are needed, so PDFs render the same on any machine.
/// </summary>
internal sealed class LetterFontResolver : IFontResolver
{
    public const string FamilyName = "Letter Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, FamilyName, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName)
    {
        if (faceName is not (Regular or Bold))
        {
            return null;
        }

        using var stream = typeof(LetterFontResolver).Assembly.GetManifestResourceStream($"DenialPipeline.Letters.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Embedded font {faceName}.ttf is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// PDFsharp keeps its font resolver in a process-wide setting. Install ours once; if the host already
    /// installed another resolver, ours becomes the fallback (unless one is set too, which we then keep).
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is LetterFontResolver || GlobalFontSettings.FallbackFontResolver is LetterFontResolver)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new LetterFontResolver();
            }
            else if (GlobalFontSettings.FallbackFontResolver is null)
            {
                GlobalFontSettings.FallbackFontResolver = new LetterFontResolver();
            }
        }
    }
}
