using System.Globalization;
using DenialPipeline.Text;

namespace DenialPipeline.Codes;

/// <summary>Code list files as rows: the pipeline's one RFC 4180 reader (<see cref="CsvTokenizer"/>) with a comma, plus the lists' date formats.</summary>
internal static class Csv
{
    public static IEnumerable<CsvRow> Read(TextReader reader)
    {
        var tokenizer = new CsvTokenizer(',');
        var buffer = new char[16 * 1024];
        var first = true;
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            tokenizer.Feed(buffer.AsSpan(0, n));
            while (tokenizer.TryTake(out var record)) yield return ToRow(record, ref first);
        }
        tokenizer.Finish(); // an unclosed quote keeps the rest of the file in its cell, as before
        while (tokenizer.TryTake(out var last)) yield return ToRow(last, ref first);
    }

    // A byte order mark the reader did not take off stays out of the first cell.
    private static CsvRow ToRow((long Row, List<string> Cells) record, ref bool first)
    {
        if (first && record.Cells.Count > 0 && record.Cells[0].StartsWith('\uFEFF')) record.Cells[0] = record.Cells[0][1..];
        first = false;
        return new CsvRow((int)record.Row, record.Cells);
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
