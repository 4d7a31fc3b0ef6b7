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
        var result = new HashSet<int>();
        var cmap = FindTable(font, "cmap");
        if (cmap < 0) return result;

        for (var i = 0; i < U16(font, cmap + 2); i++)
        {
            var record = cmap + 4 + (8 * i);
            if (U16(font, record) != 3 || U16(font, record + 2) != 1) continue;
            var sub = cmap + (int)U32(font, record + 4);
            if (U16(font, sub) == 4) AddFormat4(font, sub, result);
        }
        return result;
    }

    private static int FindTable(byte[] font, string tag)
    {
        var table = -1;
        for (var i = 0; i < U16(font, 4); i++)
        {
            var record = 12 + (16 * i);
            if (Encoding.ASCII.GetString(font, record, 4) == tag) table = (int)U32(font, record + 8);
        }
        return table;
    }

    /// <summary>Adds every code point a format-4 subtable maps to a glyph other than .notdef.</summary>
    private static void AddFormat4(byte[] font, int sub, HashSet<int> result)
    {
        var segments = U16(font, sub + 6) / 2;
        var ends = sub + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var offsets = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            var end = U16(font, ends + (2 * s));
            var start = U16(font, starts + (2 * s));
            var delta = U16(font, deltas + (2 * s));
            var rangeOffset = U16(font, offsets + (2 * s));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0
                    ? (c + delta) & 0xFFFF
                    : U16(font, offsets + (2 * s) + rangeOffset + (2 * (c - start)));
                if (rangeOffset != 0 && glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                if (glyph != 0) result.Add(c);
            }
        }
    }

    private static int U16(byte[] font, int at) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));

    private static long U32(byte[] font, int at) => BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at));

    private sealed class Coverage(HashSet<int> codePoints)
    {
        private readonly HashSet<int> _codePoints = codePoints;

        public bool Has(Rune rune) => _codePoints.Contains(rune.Value);
    }
}
