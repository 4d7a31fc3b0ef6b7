using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DenialPipeline.Letters;

/// <summary>
/// Lays a letter's HTML out as a PDF: headings, paragraphs, lists and tables as wrapped text, US Letter
/// pages with page numbers. Text is embedded as Unicode (Identity-H with a ToUnicode map), so it can be
/// searched and extracted. DejaVu Sans covers Latin, Greek and Cyrillic; other scripts (e.g. Chinese)
/// print as "?" and are reported by <see cref="UnsupportedCharacters"/>.
/// </summary>
public static class LetterPdf
{
    private const double PageWidth = 612;  // US Letter, points
    private const double PageHeight = 792;
    private const double Margin = 60;
    private const double FooterHeight = 24;
    private const double ContentWidth = PageWidth - (2 * Margin);
    private const double Bottom = PageHeight - Margin - FooterHeight;

    public static byte[] Render(RenderedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        LetterFontResolver.EnsureInstalled();

        var fonts = new PdfFonts();
        var blocks = HtmlBlocks.Parse(letter.Html);
        var pages = new PdfLayout(fonts).Layout(blocks);

        using var document = new PdfDocument();
        document.Info.Title = TypeTitle(letter.Type);
        document.Info.Creator = "DenialPipeline";
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var op in pages[i])
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

            gfx.DrawString($"Page {i + 1} of {pages.Count}", fonts.Small, XBrushes.Gray,
                new XPoint(PageWidth - Margin, PageHeight - Margin), XStringFormats.BottomRight);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Characters of the letter's text that the embedded font cannot draw (they print as "?").</summary>
    public static IReadOnlyList<string> UnsupportedCharacters(RenderedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var text = HtmlBlocks.Parse(letter.Html).SelectMany(b => b.AllText());
        return Glyphs.Unsupported(string.Concat(text));
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

    // ---- fonts ---------------------------------------------------------------------------------

    private sealed class PdfFonts
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

        public XFont Body { get; } = new(LetterFontResolver.FamilyName, 10, XFontStyleEx.Regular, Unicode);
        public XFont BodyBold { get; } = new(LetterFontResolver.FamilyName, 10, XFontStyleEx.Bold, Unicode);
        public XFont BodyItalic { get; } = new(LetterFontResolver.FamilyName, 10, XFontStyleEx.Italic, Unicode);
        public XFont Heading1 { get; } = new(LetterFontResolver.FamilyName, 14, XFontStyleEx.Bold, Unicode);
        public XFont Heading2 { get; } = new(LetterFontResolver.FamilyName, 11.5, XFontStyleEx.Bold, Unicode);
        public XFont Small { get; } = new(LetterFontResolver.FamilyName, 8, XFontStyleEx.Regular, Unicode);

        public XFont For(BlockKind kind, bool bold, bool italic) => kind switch
        {
            BlockKind.Heading1 => Heading1,
            BlockKind.Heading2 => Heading2,
            _ when bold => BodyBold,
            _ when italic => BodyItalic,
            _ => Body,
        };
    }

    // ---- HTML to blocks ------------------------------------------------------------------------

    private enum BlockKind
    {
        Paragraph,
        Heading1,
        Heading2,
        ListItem,
        Table,
    }

    private sealed record Run(string Text, bool Bold, bool Italic, bool LineBreak = false);

    private sealed record Cell(IReadOnlyList<Run> Runs, bool Header);

    private sealed record Block(BlockKind Kind, IReadOnlyList<Run> Runs, string? Prefix = null, int Indent = 0, IReadOnlyList<IReadOnlyList<Cell>>? Rows = null)
    {
        public IEnumerable<string> AllText() =>
            Runs.Select(r => r.Text)
                .Concat(Prefix is null ? [] : [Prefix])
                .Concat(Rows?.SelectMany(row => row.SelectMany(c => c.Runs.Select(r => r.Text))) ?? []);
    }

    private sealed class HtmlBlocks
    {
        private readonly List<Block> _blocks = [];
        private List<Run> _runs = [];

        public static List<Block> Parse(string html)
        {
            var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
            var walker = new HtmlBlocks();
            walker.Walk(document.Body!, bold: false, italic: false, listDepth: 0);
            walker.Flush(BlockKind.Paragraph);
            return walker._blocks;
        }

        private void Flush(BlockKind kind, string? prefix = null, int indent = 0)
        {
            if (_runs.Any(r => r.LineBreak || r.Text.Trim().Length > 0))
            {
                _blocks.Add(new Block(kind, TrimBreaks(_runs), prefix, indent));
            }

            _runs = [];
        }

        private static List<Run> TrimBreaks(List<Run> runs)
        {
            var list = runs.ToList();
            while (list.Count > 0 && list[^1].LineBreak)
            {
                list.RemoveAt(list.Count - 1);
            }

            return list;
        }

        private void Walk(INode node, bool bold, bool italic, int listDepth)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    _runs.Add(new Run(text.Data, bold, italic));
                    continue;
                }

                if (child is not IElement element)
                {
                    continue;
                }

                switch (element.LocalName)
                {
                    case "script" or "style" or "template" or "head":
                        break;
                    case "br":
                        _runs.Add(new Run("", bold, italic, LineBreak: true));
                        break;
                    case "h1":
                        Flush(BlockKind.Paragraph);
                        Walk(element, bold: true, italic, listDepth);
                        Flush(BlockKind.Heading1);
                        break;
                    case "h2" or "h3" or "h4" or "h5" or "h6":
                        Flush(BlockKind.Paragraph);
                        Walk(element, bold: true, italic, listDepth);
                        Flush(BlockKind.Heading2);
                        break;
                    case "ul" or "ol":
                        Flush(BlockKind.Paragraph);
                        var number = 1;
                        foreach (var item in element.Children.Where(c => c.LocalName == "li"))
                        {
                            Walk(item, bold, italic, listDepth + 1);
                            var prefix = element.LocalName == "ol" ? $"{number++.ToString(CultureInfo.InvariantCulture)}." : "•";
                            Flush(BlockKind.ListItem, prefix, listDepth + 1);
                        }

                        break;
                    case "table":
                        Flush(BlockKind.Paragraph);
                        _blocks.Add(new Block(BlockKind.Table, [], Rows: Rows(element)));
                        break;
                    case "strong" or "b":
                        Walk(element, bold: true, italic, listDepth);
                        break;
                    case "em" or "i":
                        Walk(element, bold, italic: true, listDepth);
                        break;
                    case "p" or "div" or "header" or "footer" or "article" or "section" or "address" or "blockquote" or "li" or "hr":
                        Flush(BlockKind.Paragraph);
                        Walk(element, bold, italic, listDepth);
                        Flush(BlockKind.Paragraph);
                        break;
                    default:
                        Walk(element, bold, italic, listDepth);
                        break;
                }
            }
        }

        private static List<IReadOnlyList<Cell>> Rows(IElement table) =>
            table.QuerySelectorAll("tr")
                .Where(tr => tr.Closest("table") == table)
                .Select(tr => (IReadOnlyList<Cell>)tr.Children
                    .Where(c => c.LocalName is "td" or "th")
                    .Select(c =>
                    {
                        var inner = new HtmlBlocks();
                        inner.Walk(c, bold: c.LocalName == "th", italic: false, listDepth: 0);
                        var runs = inner._blocks.SelectMany(b => b.Runs.Append(new Run("", false, false, LineBreak: true))).Concat(inner._runs).ToList();
                        return new Cell(TrimBreaks(runs), c.LocalName == "th");
                    })
                    .ToList())
                .Where(row => row.Count > 0)
                .ToList();
    }

    // ---- layout --------------------------------------------------------------------------------

    private sealed record DrawOp(string? Text, XFont? Font, double X, double Y, double Width = 0);

    private sealed record Segment(string Text, XFont Font, double X);

    private sealed record Line(IReadOnlyList<Segment> Segments, double Height);

    private sealed class PdfLayout(PdfFonts fonts)
    {
        private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        private readonly List<List<DrawOp>> _pages = [[]];
        private double _y = Margin;

        public List<List<DrawOp>> Layout(List<Block> blocks)
        {
            var previous = BlockKind.Paragraph;
            foreach (var block in blocks)
            {
                if (previous == BlockKind.ListItem && block.Kind != BlockKind.ListItem)
                {
                    _y += 5;
                }

                previous = block.Kind;
                switch (block.Kind)
                {
                    case BlockKind.Table:
                        Table(block.Rows!);
                        _y += 8;
                        break;
                    case BlockKind.Heading1 or BlockKind.Heading2:
                        _y += block.Kind == BlockKind.Heading1 ? 6 : 4;
                        Paragraph(block, 0);
                        _y += 4;
                        break;
                    case BlockKind.ListItem:
                        Paragraph(block, 14 * block.Indent);
                        _y += 3;
                        break;
                    default:
                        Paragraph(block, 0);
                        _y += 7;
                        break;
                }
            }

            _measure.Dispose();
            return _pages;
        }

        private void Paragraph(Block block, double indent)
        {
            var lines = Wrap(block.Runs, block.Kind, ContentWidth - indent - (block.Prefix is null ? 0 : 14));
            var first = true;
            foreach (var line in lines)
            {
                EnsureRoom(line.Height);
                if (first && block.Prefix is { } prefix)
                {
                    Emit(new DrawOp(prefix, fonts.Body, Margin + indent, _y));
                }

                foreach (var segment in line.Segments)
                {
                    Emit(new DrawOp(segment.Text, segment.Font, Margin + indent + (block.Prefix is null ? 0 : 14) + segment.X, _y));
                }

                _y += line.Height;
                first = false;
            }
        }

        private void Table(IReadOnlyList<IReadOnlyList<Cell>> rows)
        {
            const double padding = 4;
            var columns = rows.Max(r => r.Count);
            var weights = new double[columns];
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Count; c++)
                {
                    var natural = _measure.MeasureString(string.Concat(row[c].Runs.Select(r => r.Text)), fonts.Body).Width;
                    weights[c] = Math.Max(weights[c], Math.Clamp(natural, 40, 260));
                }
            }

            // A column is never narrower than its longest word (up to a cap), so codes and amounts stay whole.
            var minimums = new double[columns];
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Count; c++)
                {
                    var font = row[c].Header ? fonts.BodyBold : fonts.Body;
                    var longest = string.Concat(row[c].Runs.Select(r => r.Text + " "))
                        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(word => _measure.MeasureString(Glyphs.Printable(word), font).Width)
                        .DefaultIfEmpty(0)
                        .Max();
                    minimums[c] = Math.Max(minimums[c], Math.Min(longest + (2 * padding) + 1, 120));
                }
            }

            var total = weights.Sum();
            var widths = weights.Select(w => w / total * ContentWidth).ToArray();
            for (var pass = 0; pass < columns; pass++)
            {
                var deficit = widths.Select((w, c) => Math.Max(0, minimums[c] - w)).Sum();
                if (deficit <= 0.01)
                {
                    break;
                }

                var spare = widths.Select((w, c) => Math.Max(0, w - minimums[c])).Sum();
                var scale = spare <= 0 ? 0 : Math.Min(1, deficit / spare);
                widths = widths.Select((w, c) => w < minimums[c] ? minimums[c] : w - ((w - minimums[c]) * scale)).ToArray();
            }
            foreach (var row in rows)
            {
                var cellLines = row.Select((cell, c) => Wrap(cell.Runs, BlockKind.Paragraph, CellWidth(widths, c, row.Count) - (2 * padding))).ToList();
                var height = cellLines.Max(l => l.Count);
                EnsureRoom(LineHeight);
                for (var i = 0; i < Math.Max(height, 1); i++)
                {
                    EnsureRoom(LineHeight);
                    var x = Margin;
                    for (var c = 0; c < row.Count; c++)
                    {
                        if (i < cellLines[c].Count)
                        {
                            foreach (var segment in cellLines[c][i].Segments)
                            {
                                Emit(new DrawOp(segment.Text, segment.Font, x + padding + segment.X, _y));
                            }
                        }

                        x += widths[c];
                    }

                    _y += LineHeight;
                }

                Emit(new DrawOp(null, null, Margin, _y + 1, ContentWidth));
                _y += 3;
            }
        }

        // A row with fewer cells than columns (colspan) lets its last cell take the rest of the width.
        private static double CellWidth(double[] widths, int column, int cellsInRow) =>
            column == cellsInRow - 1 ? widths.Skip(column).Sum() : widths[column];

        private const double LineHeight = 13;

        private List<Line> Wrap(IReadOnlyList<Run> runs, BlockKind kind, double width)
        {
            var lines = new List<Line>();
            var segments = new List<Segment>();
            var x = 0.0;
            var height = kind switch { BlockKind.Heading1 => 19.0, BlockKind.Heading2 => 16.0, _ => LineHeight };

            void Break()
            {
                lines.Add(new Line(segments, height));
                segments = [];
                x = 0;
            }

            foreach (var (word, font, spaceBefore, lineBreak) in Words(runs, kind))
            {
                if (lineBreak)
                {
                    Break();
                    continue;
                }

                var space = spaceBefore && segments.Count > 0 ? _measure.MeasureString(" ", font).Width : 0;
                var rest = word;
                var wordWidth = _measure.MeasureString(rest, font).Width;
                if (x + space + wordWidth > width && segments.Count > 0)
                {
                    Break();
                    space = 0;
                }

                // A word wider than the line (a 5,000-character name) is cut into pieces that fit.
                while (wordWidth > width - x)
                {
                    var take = FitCharacters(rest, font, width - x - space);
                    if (take == 0)
                    {
                        Break();
                        space = 0;
                        continue;
                    }

                    segments.Add(new Segment(rest[..take], font, x + space));
                    Break();
                    space = 0;
                    rest = rest[take..];
                    wordWidth = _measure.MeasureString(rest, font).Width;
                }

                if (rest.Length > 0)
                {
                    // Words in the same font on one line are drawn as one string: fewer operators, plain extraction.
                    if (segments.Count > 0 && ReferenceEquals(segments[^1].Font, font))
                    {
                        segments[^1] = segments[^1] with { Text = segments[^1].Text + (space > 0 ? " " : "") + rest };
                    }
                    else
                    {
                        segments.Add(new Segment(rest, font, x + space));
                    }

                    x += space + wordWidth;
                }
            }

            if (segments.Count > 0 || lines.Count == 0)
            {
                lines.Add(new Line(segments, height));
            }

            return lines;
        }

        /// <summary>Words across runs; whitespace anywhere between two words becomes one space.</summary>
        private IEnumerable<(string Word, XFont Font, bool SpaceBefore, bool LineBreak)> Words(IReadOnlyList<Run> runs, BlockKind kind)
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
            while (take < word.Length && _measure.MeasureString(word[..(take + 1)], font).Width <= width)
            {
                take++;
            }

            return take;
        }

        private void EnsureRoom(double height)
        {
            if (_y + height > Bottom)
            {
                _pages.Add([]);
                _y = Margin;
            }
        }

        private void Emit(DrawOp op) => _pages[^1].Add(op);
    }
}
