using System.Globalization;
using System.Text.Json;
using DenialPipeline.Codes;

namespace DenialPipeline.Research.Records;

/// <summary>The shared shape of the CSV and JSON importers: parse rows into field bags, map each, reject bad and duplicate rows.</summary>
internal static class Importer
{
    /// <summary>A mapping either gives a record or the reason it cannot.</summary>
    public readonly record struct Mapped<T>(T? Record, string? Error)
    {
        public static Mapped<T> Ok(T record) => new(record, null);
        public static Mapped<T> Fail(string error) => new(default, error);
    }

    public static ImportResult<T> FromCsv<T>(TextReader reader, IReadOnlyList<string> requiredColumns, Func<FieldBag, Mapped<T>> map, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = Csv.Read(reader).ToList();
        if (rows.Count == 0) return new ImportResult<T>([], [new ImportRejection(1, "the file is empty: a header row is required")]);
        var header = rows[0].Fields.Select(f => FieldBag.Normalize(f.Trim())).ToList();
        var missing = requiredColumns.Where(c => !header.Contains(FieldBag.Normalize(c))).ToList();
        if (missing.Count > 0) return new ImportResult<T>([], [new ImportRejection(1, "missing column(s): " + string.Join(", ", missing))]);
        var bags = rows.Skip(1).Where(r => !r.IsBlank).Select(r =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count && i < r.Fields.Count; i++)
                if (header[i].Length > 0) values.TryAdd(header[i], r.Fields[i]);
            return new FieldBag(r.Row, values);
        });
        return Collect(bags, map, key, []);
    }

    public static ImportResult<T> FromJson<T>(string json, Func<FieldBag, Mapped<T>> map, Func<T, string> key)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return new ImportResult<T>([], [new ImportRejection(0, $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})")]);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                // { "payers": [ ... ] } or a single object
                var array = root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array);
                root = array.Value.ValueKind == JsonValueKind.Array ? array.Value : root;
            }
            var entries = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            var bags = new List<FieldBag>();
            var rejected = new List<ImportRejection>();
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].ValueKind != JsonValueKind.Object) { rejected.Add(new(i + 1, "entry is not a JSON object")); continue; }
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in entries[i].EnumerateObject())
                {
                    var text = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString() ?? string.Empty,
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                        // A list of plain values (a payer identity's payer ids): its items, ';'-separated.
                        JsonValueKind.Array when p.Value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
                            string.Join(';', p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                        _ => string.Empty,
                    };
                    values.TryAdd(FieldBag.Normalize(p.Name), text);
                }
                bags.Add(new FieldBag(i + 1, values));
            }
            return Collect(bags, map, key, rejected);
        }
    }

    private static ImportResult<T> Collect<T>(IEnumerable<FieldBag> bags, Func<FieldBag, Mapped<T>> map, Func<T, string> key, List<ImportRejection> rejected)
    {
        var records = new List<T>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bag in bags)
        {
            var mapped = map(bag);
            if (mapped.Error is not null || mapped.Record is null) { rejected.Add(new(bag.Row, mapped.Error ?? "could not be read")); continue; }
            var k = key(mapped.Record);
            if (seen.TryGetValue(k, out var first)) { rejected.Add(new(bag.Row, $"duplicate of row {first}", k)); continue; }
            seen[k] = bag.Row;
            records.Add(mapped.Record);
        }
        return new ImportResult<T>(records, rejected.OrderBy(r => r.Row).ToList());
    }

    public static bool TryInt(string? text, int min, int max, out int? value)
    {
        value = null;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) { value = v; return true; }
        return false;
    }

    /// <summary>A 10-digit NPI whose check digit is right (Luhn over the prefix 80840 and the first nine digits).</summary>
    public static bool IsValidNpi(string? npi)
    {
        if (npi is null || npi.Length != 10 || !npi.All(char.IsAsciiDigit)) return false;
        var digits = "80840" + npi[..9];
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return (10 - sum % 10) % 10 == npi[9] - '0';
    }
}
