using PdfSharp.Drawing;

namespace DenialPipeline.Letters;

/// <summary>Column widths of a table: by each column's natural text width, but never narrower than its longest word.</summary>
internal static class PdfTableWidths
{
    public const double Padding = 4;

    public static double[] Of(IReadOnlyList<IReadOnlyList<PdfCell>> rows, XGraphics measure, PdfFonts fonts)
    {
        var columns = rows.Max(r => r.Count);
        var weights = Weights(rows, columns, measure, fonts);
        var minimums = Minimums(rows, columns, measure, fonts);
        var total = weights.Sum();
        var widths = weights.Select(w => w / total * PdfPageGeometry.ContentWidth).ToArray();
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

        return widths;
    }

    /// <summary>A row with fewer cells than columns (colspan) lets its last cell take the rest of the width.</summary>
    public static double CellWidth(double[] widths, int column, int cellsInRow) =>
        column == cellsInRow - 1 ? widths.Skip(column).Sum() : widths[column];

    private static double[] Weights(IReadOnlyList<IReadOnlyList<PdfCell>> rows, int columns, XGraphics measure, PdfFonts fonts)
    {
        var weights = new double[columns];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                var natural = measure.MeasureString(string.Concat(row[c].Runs.Select(r => r.Text)), fonts.Body).Width;
                weights[c] = Math.Max(weights[c], Math.Clamp(natural, 40, 260));
            }
        }

        return weights;
    }

    // A column is never narrower than its longest word (up to a cap), so codes and amounts stay whole.
    private static double[] Minimums(IReadOnlyList<IReadOnlyList<PdfCell>> rows, int columns, XGraphics measure, PdfFonts fonts)
    {
        var minimums = new double[columns];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                var font = row[c].Header ? fonts.BodyBold : fonts.Body;
                var longest = string.Concat(row[c].Runs.Select(r => r.Text + " "))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(word => measure.MeasureString(Glyphs.Printable(word), font).Width)
                    .DefaultIfEmpty(0)
                    .Max();
                minimums[c] = Math.Max(minimums[c], Math.Min(longest + (2 * Padding) + 1, 120));
            }
        }

        return minimums;
    }
}
