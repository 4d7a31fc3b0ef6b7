using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DenialPipeline.Denials;

/// <summary>
/// The JSON form of <see cref="CsvDenialMapping"/> that operators write and import (docs/csv-reports.md):
/// <c>{"csvMappings": [ {...}, ... ]}</c>, an array of mappings, or one mapping object. A mapping with any problem is not
/// taken; every problem is reported with the mapping's entry number and the field, so one import shows them all.
/// The same form is what the Records table stores, so what was validated is what ingest reads.
/// </summary>
public static partial class CsvMappingJson
{
    /// <summary>The array property of a mappings file (its presence is how an import recognises one).</summary>
    public const string ArrayProperty = "csvMappings";

    private static readonly string[] TopFields =
        ["payer", "description", "payerId", "payerName", "delimiter", "decimalSeparator", "required", "columns", "statusMap", "defaultStatus", "defaultAdjustmentGroup", "dateFormats"];

    private static readonly string[] Groups = ["CO", "PR", "OA", "PI", "CR"];

    private static readonly Lazy<IReadOnlyList<CsvDenialMapping>> DefaultMappings = new(LoadDefaults);

    /// <summary>
    /// The mappings shipped in the assembly (<c>Denials/Data/csv-mappings.json</c>), so a report in a common layout
    /// works before anyone imports one. An imported mapping with the same label replaces the shipped one.
    /// </summary>
    public static IReadOnlyList<CsvDenialMapping> Defaults => DefaultMappings.Value;

    /// <summary>The mappings a report is matched against: the imported ones first (they win ties), then the shipped ones they do not replace.</summary>
    public static IReadOnlyList<CsvDenialMapping> WithDefaults(IEnumerable<CsvDenialMapping> imported)
    {
        var list = imported.ToList();
        var labels = list.Select(m => m.Payer).ToHashSet(StringComparer.OrdinalIgnoreCase);
        list.AddRange(Defaults.Where(d => !labels.Contains(d.Payer)));
        return list;
    }

    /// <summary>Whether a JSON text looks like a mappings file (for the records import's format detection).</summary>
    public static bool LooksLikeMappings(string json) =>
        json.Contains($"\"{ArrayProperty}\"", StringComparison.OrdinalIgnoreCase)
        || (json.Contains("\"columns\"", StringComparison.OrdinalIgnoreCase) && json.Contains("\"patientControlNumber\"", StringComparison.OrdinalIgnoreCase));

    public static CsvMappingSet Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return new CsvMappingSet([], [new CsvMappingProblem(0, null, "(file)", $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})")]);
        }
        using (doc)
        {
            var root = doc.RootElement;
            List<JsonElement> entries;
            if (root.ValueKind == JsonValueKind.Array) entries = [.. root.EnumerateArray()];
            else if (root.ValueKind == JsonValueKind.Object && TryGet(root, ArrayProperty, out var array))
            {
                if (array.ValueKind != JsonValueKind.Array)
                    return new CsvMappingSet([], [new CsvMappingProblem(0, null, ArrayProperty, "must be an array of mappings")]);
                entries = [.. array.EnumerateArray()];
            }
            else if (root.ValueKind == JsonValueKind.Object) entries = [root];
            else return new CsvMappingSet([], [new CsvMappingProblem(0, null, "(file)", $"expected {{\"{ArrayProperty}\": [ … ]}}, an array of mappings or one mapping object")]);

            var mappings = new List<CsvDenialMapping>();
            var problems = new List<CsvMappingProblem>();
            var labels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < entries.Count; i++)
            {
                var index = i + 1;
                var (mapping, found) = ReadOne(entries[i], index);
                if (mapping is not null && labels.TryGetValue(mapping.Payer, out var first))
                    found.Add(new CsvMappingProblem(index, mapping.Payer, "payer", $"the same label as mapping {first} (labels name mappings: make them distinct)"));
                if (found.Count > 0) { problems.AddRange(found); continue; }
                labels[mapping!.Payer] = index;
                mappings.Add(mapping);
            }
            return new CsvMappingSet(mappings, problems);
        }
    }

    private static (CsvDenialMapping? Mapping, List<CsvMappingProblem> Problems) ReadOne(JsonElement e, int index) =>
        new EntryReader(e, index).Read();

    /// <summary>One mapping as the JSON object this class reads (what the Records table stores).</summary>
    public static string ToJson(CsvDenialMapping m)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("payer", m.Payer);
            if (m.Description is not null) w.WriteString("description", m.Description);
            if (m.PayerId is not null) w.WriteString("payerId", m.PayerId);
            if (m.PayerName is not null) w.WriteString("payerName", m.PayerName);
            w.WriteString("delimiter", m.Delimiter.ToString());
            w.WriteString("decimalSeparator", m.DecimalSeparator.ToString());
            w.WriteStartObject("columns");
            foreach (var (field, column) in m.MappedColumns()) w.WriteString(field, column);
            w.WriteEndObject();
            w.WriteStartArray("required");
            foreach (var r in m.Required) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteStartObject("statusMap");
            foreach (var (k, v) in m.StatusMap) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteString("defaultStatus", m.DefaultStatus);
            w.WriteString("defaultAdjustmentGroup", m.DefaultAdjustmentGroup);
            w.WriteStartArray("dateFormats");
            foreach (var f in m.DateFormats) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        value = default;
        return false;
    }

    private static string? ColumnNameOf(string name) =>
        CsvDenialMapping.ColumnFields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))?.Name;

    private static bool IsClaimStatus(string? s) => s is { Length: 1 or 2 } && s.All(char.IsAsciiDigit);

    /// <summary>A format that writes a date and reads the same date back (so it has a day, a month and a year).</summary>
    private static bool ReadsDates(string format)
    {
        if (format.Trim().Length == 0) return false;
        try
        {
            var sample = new DateOnly(2024, 11, 23);
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == sample;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IReadOnlyList<CsvDenialMapping> LoadDefaults()
    {
        var assembly = typeof(CsvMappingJson).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Denials.Data.csv-mappings.json", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var set = Parse(reader.ReadToEnd());
        if (set.Problems.Count > 0) throw new InvalidDataException("Denials/Data/csv-mappings.json: " + string.Join("; ", set.Problems));
        return set.Mappings;
    }
}
