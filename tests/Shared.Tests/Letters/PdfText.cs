using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace DenialPipeline.Tests.Letters;

/// <summary>
/// Extracts the text of a PDF written by LetterPdf: reads each page's content stream with PDFsharp and
/// maps glyph ids back to Unicode through each font's ToUnicode CMap. Words become space-separated;
/// a change of baseline starts a new line.
/// </summary>
internal static partial class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var pages = new List<string>();
        foreach (var page in document.Pages)
        {
            var maps = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            if (fonts is not null)
            {
                foreach (var key in fonts.Elements.Keys)
                {
                    var font = fonts.Elements.GetDictionary(key);
                    var toUnicode = font?.Elements.GetDictionary("/ToUnicode");
                    maps[key] = toUnicode?.Stream is { } stream ? ParseCMap(Encoding.Latin1.GetString(stream.UnfilteredValue)) : [];
                }
            }

            var text = new StringBuilder();
            var state = new State(maps, text);
            Walk(ContentReader.ReadContent(page), state);
            pages.Add(text.ToString());
        }

        return pages;
    }

    public static string All(byte[] pdf) => string.Join("\n", Pages(pdf));

    private sealed class State(Dictionary<string, Dictionary<int, string>> maps, StringBuilder text)
    {
        public Dictionary<string, Dictionary<int, string>> Maps { get; } = maps;
        public StringBuilder Text { get; } = text;
        public Dictionary<int, string> Font { get; set; } = [];
        public double? LastY { get; set; }
        public double Y { get; set; }
    }

    private static void Walk(CSequence sequence, State state)
    {
        foreach (var item in sequence)
        {
            if (item is not COperator op)
            {
                continue;
            }

            switch (op.OpCode.Name)
            {
                case "Tf" when op.Operands[0] is CName name:
                    state.Font = state.Maps.GetValueOrDefault(name.Name, []);
                    break;
                case "Tm":
                    state.Y = Number(op.Operands[5]);
                    break;
                case "Td" or "TD":
                    state.Y += Number(op.Operands[1]);
                    break;
                case "Tj" or "'" or "\"":
                    Show(op.Operands[^1], state);
                    break;
                case "TJ":
                    Show(op.Operands[0], state);
                    break;
            }
        }
    }

    private static void Show(CObject operand, State state)
    {
        var glyphs = new StringBuilder();
        foreach (var s in operand is CArray array ? array.OfType<CString>() : operand is CString one ? [one] : [])
        {
            var bytes = s.Value;
            for (var i = 0; i + 1 < bytes.Length; i += 2)
            {
                var gid = (bytes[i] << 8) | bytes[i + 1];
                glyphs.Append(state.Font.TryGetValue(gid, out var unicode) ? unicode : "\uFFFD");
            }
        }

        if (state.LastY is { } last && Math.Abs(last - state.Y) > 0.01)
        {
            state.Text.Append('\n');
        }
        else if (state.Text.Length > 0 && state.Text[^1] != '\n')
        {
            state.Text.Append(' ');
        }

        state.Text.Append(glyphs);
        state.LastY = state.Y;
    }

    private static double Number(CObject value) => value switch
    {
        CInteger i => i.Value,
        CReal r => r.Value,
        _ => 0,
    };

    private static Dictionary<int, string> ParseCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfChar().Matches(cmap))
        {
            foreach (Match pair in HexPair().Matches(block.Groups[1].Value))
            {
                map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
            }
        }

        foreach (Match block in BfRange().Matches(cmap))
        {
            foreach (Match range in HexRange().Matches(block.Groups[1].Value))
            {
                var start = Hex(range.Groups[1].Value);
                var end = Hex(range.Groups[2].Value);
                var first = Hex(range.Groups[3].Value);
                for (var gid = start; gid <= end; gid++)
                {
                    map[gid] = char.ConvertFromUtf32(first + (gid - start));
                }
            }
        }

        return map;
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex)
    {
        var chars = new char[hex.Length / 4];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)Hex(hex.Substring(i * 4, 4));
        }

        return new string(chars);
    }

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex HexRange();
}
