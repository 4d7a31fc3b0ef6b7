using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DenialPipeline.Letters;

/// <summary>The letter's fonts, embedded as Unicode (Identity-H with a ToUnicode map) so the text can be searched.</summary>
internal sealed class PdfFonts
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public XFont Body { get; } = new(LetterFontResolver.FamilyName, 10, XFontStyleEx.Regular, Unicode);
    public XFont BodyBold { get; } = new(LetterFontResolver.FamilyName, 10, XFontStyleEx.Bold, Unicode);
    public XFont BodyItalic { get; } = new(LetterFontResolver.FamilyName, 10, XFontStyleEx.Italic, Unicode);
    public XFont Heading1 { get; } = new(LetterFontResolver.FamilyName, 14, XFontStyleEx.Bold, Unicode);
    public XFont Heading2 { get; } = new(LetterFontResolver.FamilyName, 11.5, XFontStyleEx.Bold, Unicode);
    public XFont Small { get; } = new(LetterFontResolver.FamilyName, 8, XFontStyleEx.Regular, Unicode);

    public XFont For(PdfBlockKind kind, bool bold, bool italic) => kind switch
    {
        PdfBlockKind.Heading1 => Heading1,
        PdfBlockKind.Heading2 => Heading2,
        _ when bold => BodyBold,
        _ when italic => BodyItalic,
        _ => Body,
    };
}
