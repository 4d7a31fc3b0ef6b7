using System.Buffers.Binary;
using System.Text;

namespace DenialPipeline.Letters;

/// <summary>Which characters the embedded PDF fonts can draw (read from the fonts' cmap tables once).</summary>
internal static class Glyphs
{
    private static readonly Lazy<Coverage> Covered = new(Load);

    /// <summary>The text with every character the fonts lack replaced by "?" (whitespace and controls kept as spaces).</summary>
    public static string Printable(string text)
    {
        var coverage = Covered.Value;
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(coverage.Has(rune) ? rune.ToString() : "?");
            }
        }

        return builder.ToString();
    }

    public static IReadOnlyList<string> Unsupported(string text)
    {
        var coverage = Covered.Value;
        return text.EnumerateRunes()
            .Where(r => !Rune.IsWhiteSpace(r) && !Rune.IsControl(r) && !coverage.Has(r))
            .Select(r => r.ToString())
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static Coverage Load()
    {
        var resolver = new LetterFontResolver();
        var regular = ReadCmap(resolver.GetFont("DejaVuSans")!);
        var bold = ReadCmap(resolver.GetFont("DejaVuSans-Bold")!);
        regular.IntersectWith(bold);
        return new Coverage(regular);
    }

    /// <summary>Reads the Windows Unicode BMP (3,1) format-4 cmap subtable of a TrueType font.</summary>
    private static HashSet<int> ReadCmap(byte[] font)
    {
        int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
        long U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at));

        var tables = U16(4);
        var cmap = -1;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + (16 * i);
            if (Encoding.ASCII.GetString(font, record, 4) == "cmap")
            {
                cmap = (int)U32(record + 8);
            }
        }

        var result = new HashSet<int>();
        if (cmap < 0)
        {
            return result;
        }

        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + (8 * i);
            if (U16(record) != 3 || U16(record + 2) != 1)
            {
                continue;
            }

            var sub = cmap + (int)U32(record + 4);
            if (U16(sub) != 4)
            {
                continue;
            }

            var segments = U16(sub + 6) / 2;
            var ends = sub + 14;
            var starts = ends + (2 * segments) + 2;
            var deltas = starts + (2 * segments);
            var offsets = deltas + (2 * segments);
            for (var s = 0; s < segments; s++)
            {
                var end = U16(ends + (2 * s));
                var start = U16(starts + (2 * s));
                var delta = U16(deltas + (2 * s));
                var rangeOffset = U16(offsets + (2 * s));
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = offsets + (2 * s) + rangeOffset + (2 * (c - start));
                        glyph = U16(at);
                        if (glyph != 0)
                        {
                            glyph = (glyph + delta) & 0xFFFF;
                        }
                    }

                    if (glyph != 0)
                    {
                        result.Add(c);
                    }
                }
            }
        }

        return result;
    }

    private sealed class Coverage(HashSet<int> codePoints)
    {
        private readonly HashSet<int> _codePoints = codePoints;

        public bool Has(Rune rune) => _codePoints.Contains(rune.Value);
    }
}
