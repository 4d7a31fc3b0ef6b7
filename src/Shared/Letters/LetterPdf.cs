using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static DenialPipeline.Letters.PdfPageGeometry;

namespace DenialPipeline.Letters;

/// <summary>
/// Lays a letter's HTML out as a PDF: headings, paragraphs, lists and tables as wrapped text, US Letter
/// pages with page numbers. Text is embedded as Unicode (Identity-H with a ToUnicode map), so it can be
/// searched and extracted. DejaVu Sans covers Latin, Greek and Cyrillic; other scripts (e.g. Chinese)
/// print as "?" and are reported by <see cref="UnsupportedCharacters"/>.
/// </summary>
/// <remarks>
/// The steps each have a file: <see cref="PdfHtmlBlocks"/> (HTML → blocks), <see cref="PdfLayout"/> with
/// <see cref="PdfTextWrapper"/> and <see cref="PdfTableWidths"/> (blocks → what to draw on which page), and this class
/// (drawing the pages and saving the document).
/// </remarks>
public static class LetterPdf
{
    public static byte[] Render(RenderedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        LetterFontResolver.EnsureInstalled();

        var fonts = new PdfFonts();
        var blocks = PdfHtmlBlocks.Parse(letter.Html);
        var pages = new PdfLayout(fonts).Layout(blocks);

        using var document = new PdfDocument();
        document.Info.Title = TypeTitle(letter.Type);
        document.Info.Creator = "DenialPipeline";
        for (var i = 0; i < pages.Count; i++)
        {
            DrawPage(document, pages[i], $"Page {i + 1} of {pages.Count}", fonts);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Characters of the letter's text that the embedded font cannot draw (they print as "?").</summary>
    public static IReadOnlyList<string> UnsupportedCharacters(RenderedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var text = PdfHtmlBlocks.Parse(letter.Html).SelectMany(b => b.AllText());
        return Glyphs.Unsupported(string.Concat(text));
    }

    private static void DrawPage(PdfDocument document, List<PdfDrawOp> ops, string pageNumber, PdfFonts fonts)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using var gfx = XGraphics.FromPdfPage(page);
        foreach (var op in ops)
        {
            if (op.Text is { } text)
            {
                gfx.DrawString(text, op.Font!, XBrushes.Black, new XPoint(op.X, op.Y), XStringFormats.TopLeft);
            }
            else
            {
                gfx.DrawLine(XPens.LightGray, op.X, op.Y, op.X + op.Width, op.Y);
            }
        }

        gfx.DrawString(pageNumber, fonts.Small, XBrushes.Gray, new XPoint(PageWidth - Margin, PageHeight - Margin), XStringFormats.BottomRight);
    }

    private static string TypeTitle(LetterType type) => type switch
    {
        LetterType.MedicareRedetermination => "Request for Redetermination",
        LetterType.Reconsideration => "Request for Reconsideration",
        LetterType.TimelyFilingAppeal => "Timely Filing Appeal",
        LetterType.AuthorizationAppeal => "Authorization Appeal",
        LetterType.MedicalNecessityAppeal => "Medical Necessity Appeal",
        LetterType.Appeal => "Appeal",
        LetterType.CorrectedClaimCover => "Corrected Claim",
        LetterType.DocumentationQuery => "Documentation Query",
        LetterType.CodingClarificationQuery => "Coding Clarification Query",
        LetterType.RetroAuthorizationRequest => "Retroactive Authorization Request",
        _ => type.ToString(),
    };
}
