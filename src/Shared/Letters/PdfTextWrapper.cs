using PdfSharp.Drawing;

namespace DenialPipeline.Letters;

/// <summary>Wraps styled runs into lines of a given width, measured in the letter's fonts.</summary>
internal sealed class PdfTextWrapper(XGraphics measure, PdfFonts fonts)
{
    public List<PdfLine> Wrap(IReadOnlyList<PdfRun> runs, PdfBlockKind kind, double width)
    {
        var lines = new PdfLineBuilder(kind switch { PdfBlockKind.Heading1 => 19.0, PdfBlockKind.Heading2 => 16.0, _ => PdfPageGeometry.LineHeight });
        foreach (var (word, font, spaceBefore, lineBreak) in Words(runs, kind))
        {
            if (lineBreak)
            {
                lines.Break();
                continue;
            }

            Place(lines, word, font, spaceBefore, width);
        }

        return lines.Finish();
    }

    private void Place(PdfLineBuilder lines, string word, XFont font, bool spaceBefore, double width)
    {
        var space = spaceBefore && lines.HasSegments ? measure.MeasureString(" ", font).Width : 0;
        var rest = word;
        var wordWidth = measure.MeasureString(rest, font).Width;
        if (lines.X + space + wordWidth > width && lines.HasSegments)
        {
            lines.Break();
            space = 0;
        }

        // A word wider than the line (a 5,000-character name) is cut into pieces that fit.
        while (wordWidth > width - lines.X)
        {
            var take = FitCharacters(rest, font, width - lines.X - space);
            if (take == 0)
            {
                lines.Break();
                space = 0;
                continue;
            }

            lines.AddPiece(new PdfSegment(rest[..take], font, lines.X + space));
            lines.Break();
            space = 0;
            rest = rest[take..];
            wordWidth = measure.MeasureString(rest, font).Width;
        }

        if (rest.Length > 0)
        {
            lines.AddWord(rest, font, space, wordWidth);
        }
    }

    /// <summary>Words across runs; whitespace anywhere between two words becomes one space.</summary>
    private IEnumerable<(string Word, XFont Font, bool SpaceBefore, bool LineBreak)> Words(IReadOnlyList<PdfRun> runs, PdfBlockKind kind)
    {
        var pendingSpace = false;
        foreach (var run in runs)
        {
            if (run.LineBreak)
            {
                pendingSpace = false;
                yield return ("", fonts.Body, false, true);
                continue;
            }

            var font = fonts.For(kind, run.Bold, run.Italic);
            var text = Glyphs.Printable(run.Text);
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var boundary = i == text.Length || text[i] == ' ';
                if (!boundary && start < 0)
                {
                    start = i;
                }
                else if (boundary && start >= 0)
                {
                    yield return (text[start..i], font, pendingSpace, false);
                    pendingSpace = false;
                    start = -1;
                }

                if (i < text.Length && text[i] == ' ')
                {
                    pendingSpace = true;
                }
            }
        }
    }

    private int FitCharacters(string word, XFont font, double width)
    {
        var take = 0;
        while (take < word.Length && measure.MeasureString(word[..(take + 1)], font).Width <= width)
        {
            take++;
        }

        return take;
    }
}
