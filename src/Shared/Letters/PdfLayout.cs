using PdfSharp.Drawing;
using static DenialPipeline.Letters.PdfPageGeometry;

namespace DenialPipeline.Letters;

/// <summary>Places the letter's blocks on pages: what to draw where, a new page when the text reaches the footer.</summary>
internal sealed class PdfLayout(PdfFonts fonts)
{
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly List<List<PdfDrawOp>> _pages = [[]];
    private double _y = Margin;

    public List<List<PdfDrawOp>> Layout(List<PdfBlock> blocks)
    {
        var wrapper = new PdfTextWrapper(_measure, fonts);
        var previous = PdfBlockKind.Paragraph;
        foreach (var block in blocks)
        {
            if (previous == PdfBlockKind.ListItem && block.Kind != PdfBlockKind.ListItem)
            {
                _y += 5;
            }

            previous = block.Kind;
            switch (block.Kind)
            {
                case PdfBlockKind.Table:
                    Table(block.Rows!, wrapper);
                    _y += 8;
                    break;
                case PdfBlockKind.Heading1 or PdfBlockKind.Heading2:
                    _y += block.Kind == PdfBlockKind.Heading1 ? 6 : 4;
                    Paragraph(block, 0, wrapper);
                    _y += 4;
                    break;
                case PdfBlockKind.ListItem:
                    Paragraph(block, 14 * block.Indent, wrapper);
                    _y += 3;
                    break;
                default:
                    Paragraph(block, 0, wrapper);
                    _y += 7;
                    break;
            }
        }

        _measure.Dispose();
        return _pages;
    }

    private void Paragraph(PdfBlock block, double indent, PdfTextWrapper wrapper)
    {
        var lines = wrapper.Wrap(block.Runs, block.Kind, ContentWidth - indent - (block.Prefix is null ? 0 : 14));
        var first = true;
        foreach (var line in lines)
        {
            EnsureRoom(line.Height);
            if (first && block.Prefix is { } prefix)
            {
                Emit(new PdfDrawOp(prefix, fonts.Body, Margin + indent, _y));
            }

            foreach (var segment in line.Segments)
            {
                Emit(new PdfDrawOp(segment.Text, segment.Font, Margin + indent + (block.Prefix is null ? 0 : 14) + segment.X, _y));
            }

            _y += line.Height;
            first = false;
        }
    }

    private void Table(IReadOnlyList<IReadOnlyList<PdfCell>> rows, PdfTextWrapper wrapper)
    {
        var widths = PdfTableWidths.Of(rows, _measure, fonts);
        foreach (var row in rows)
        {
            var cellLines = row.Select((cell, c) => wrapper.Wrap(cell.Runs, PdfBlockKind.Paragraph, PdfTableWidths.CellWidth(widths, c, row.Count) - (2 * PdfTableWidths.Padding))).ToList();
            var height = cellLines.Max(l => l.Count);
            EnsureRoom(LineHeight);
            for (var i = 0; i < Math.Max(height, 1); i++)
            {
                EnsureRoom(LineHeight);
                TableLine(cellLines, i, widths);
                _y += LineHeight;
            }

            Emit(new PdfDrawOp(null, null, Margin, _y + 1, ContentWidth));
            _y += 3;
        }
    }

    /// <summary>Line <paramref name="index"/> of every cell of a row, each in its column.</summary>
    private void TableLine(List<List<PdfLine>> cellLines, int index, double[] widths)
    {
        var x = Margin;
        for (var c = 0; c < cellLines.Count; c++)
        {
            if (index < cellLines[c].Count)
            {
                foreach (var segment in cellLines[c][index].Segments)
                {
                    Emit(new PdfDrawOp(segment.Text, segment.Font, x + PdfTableWidths.Padding + segment.X, _y));
                }
            }

            x += widths[c];
        }
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom)
        {
            _pages.Add([]);
            _y = Margin;
        }
    }

    private void Emit(PdfDrawOp op) => _pages[^1].Add(op);
}
