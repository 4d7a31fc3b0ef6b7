using System.Globalization;
using System.Text;

namespace DenialPipeline.Codes;

/// <summary>One CSV record: the 1-based line number it starts on and its fields.</summary>
internal sealed record CsvRow(int Row, IReadOnlyList<string> Fields)
{
    public string Field(int index) => index >= 0 && index < Fields.Count ? Fields[index].Trim() : string.Empty;

    public bool IsBlank => Fields.All(f => f.Trim().Length == 0);
}

/// <summary>A small RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes, CRLF or LF).</summary>
internal static class Csv
{
    public static IEnumerable<CsvRow> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true; any = true;
                    break;
                case ',':
                    fields.Add(field.ToString()); field.Clear(); any = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return new CsvRow(rowStart, fields.ToArray());
                    fields.Clear(); any = false;
                    line++; rowStart = line;
                    break;
                default:
                    if (ch == '\uFEFF' && line == 1 && fields.Count == 0 && field.Length == 0) break;
                    field.Append(ch); any = true;
                    break;
            }
        }
        if (any || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(rowStart, fields.ToArray());
        }
    }

    /// <summary>Reads a file whose first row names the columns; <paramref name="columns"/> gets name → index (case-insensitive).</summary>
    public static IEnumerable<CsvRow> ReadWithHeader(TextReader reader, out Dictionary<string, int> columns)
    {
        var rows = Read(reader).ToList();
        columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (rows.Count == 0) return [];
        var header = rows[0];
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (name.Length > 0) columns.TryAdd(name, i);
        }
        return rows.Skip(1).Where(r => !r.IsBlank);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy", "MM/dd/yyyy", "yyyyMMdd", "M/d/yy"];

    public static bool TryDate(string text, out DateOnly? date)
    {
        date = null;
        text = text.Trim();
        if (text.Length == 0) return true;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }
        return false;
    }
}
