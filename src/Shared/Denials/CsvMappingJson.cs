using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DenialPipeline.Denials;

/// <summary>A mapping that cannot be used: its 1-based entry number in the file, its label when it has one, the field and why.</summary>
public sealed record CsvMappingProblem(int Index, string? Mapping, string Field, string Message)
{
    public override string ToString() => $"mapping {Index}{(Mapping is null ? "" : $" ('{Mapping}')")}: {Field}: {Message}";
}

/// <summary>The mappings a JSON file holds and every problem of the ones it could not take.</summary>
public sealed record CsvMappingSet(IReadOnlyList<CsvDenialMapping> Mappings, IReadOnlyList<CsvMappingProblem> Problems);

/// <summary>
/// The JSON form of <see cref="CsvDenialMapping"/> that operators write and import (docs/csv-reports.md):
/// <c>{"csvMappings": [ {...}, ... ]}</c>, an array of mappings, or one mapping object. A mapping with any problem is not
/// taken; every problem is reported with the mapping's entry number and the field, so one import shows them all.
/// The same form is what the Records table stores, so what was validated is what ingest reads.
/// </summary>
public static class CsvMappingJson
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

    private static (CsvDenialMapping? Mapping, List<CsvMappingProblem> Problems) ReadOne(JsonElement e, int index)
    {
        var problems = new List<CsvMappingProblem>();
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new CsvMappingProblem(index, null, "(entry)", "is not a JSON object"));
            return (null, problems);
        }
        string? label = TryGet(e, "payer", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()?.Trim() : null;
        void Problem(string field, string message) => problems.Add(new CsvMappingProblem(index, string.IsNullOrEmpty(label) ? null : label, field, message));

        foreach (var property in e.EnumerateObject())
            if (!TopFields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                Problem(property.Name, ColumnNameOf(property.Name) is { } col
                    ? $"is not a field of a mapping; columns go inside \"columns\" (\"columns\": {{\"{col}\": \"…\"}})"
                    : $"is not a field of a mapping (fields: {string.Join(", ", TopFields)})");

        string? Text(string field, int max = 200)
        {
            if (!TryGet(e, field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) { Problem(field, "must be a string"); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length > max) { Problem(field, $"is longer than {max} characters"); return null; }
            return s.Length == 0 ? null : s;
        }

        if (label is null or { Length: 0 }) { label = null; Problem("payer", "is required: the mapping's label (e.g. \"ACME portal denials\")"); }
        else if (label.Length > 100) Problem("payer", "is longer than 100 characters");
        var mapping = new CsvDenialMapping { PatientControlNumber = "", Payer = label ?? "", Description = Text("description", 1000), PayerId = Text("payerId", 80), PayerName = Text("payerName", 200) };

        if (TryGet(e, "delimiter", out var delimiter) && delimiter.ValueKind != JsonValueKind.Null)
        {
            // Not trimmed: a tab is a delimiter. "tab" and "\\t" (a backslash and a t) also mean one.
            var d = delimiter.ValueKind == JsonValueKind.String ? delimiter.GetString()! : null;
            if (d is "tab" or "TAB" or "\\t") d = "\t";
            if (d is not { Length: 1 }) Problem("delimiter", "must be one character (\",\", \";\", \"|\" or \"\\t\" for a tab)");
            else if (d[0] is '"' or '\r' or '\n') Problem("delimiter", "cannot be a quote or a line break");
            else mapping = mapping with { Delimiter = d[0] };
        }

        if (Text("decimalSeparator", 10) is { } sep)
        {
            if (sep is "." or ",") mapping = mapping with { DecimalSeparator = sep[0] };
            else Problem("decimalSeparator", "must be \".\" (1,234.56) or \",\" (1.234,56)");
        }

        if (!TryGet(e, "columns", out var columns) || columns.ValueKind == JsonValueKind.Null)
            Problem("columns", "is required: an object naming the header column of each field (at least \"patientControlNumber\")");
        else if (columns.ValueKind != JsonValueKind.Object) Problem("columns", "must be an object: field → header column name");
        else
        {
            foreach (var c in columns.EnumerateObject())
            {
                var field = CsvDenialMapping.ColumnFields.FirstOrDefault(f => string.Equals(f.Name, c.Name, StringComparison.OrdinalIgnoreCase));
                if (field is null) { Problem($"columns.{c.Name}", $"is not a column field (fields: {string.Join(", ", CsvDenialMapping.ColumnFields.Select(f => f.Name))})"); continue; }
                if (c.Value.ValueKind == JsonValueKind.Null) continue;
                if (c.Value.ValueKind != JsonValueKind.String || c.Value.GetString()!.Trim() is not { Length: > 0 } column)
                    Problem($"columns.{field.Name}", "must be a header column name (a non-empty string)");
                else if (column.Length > 200) Problem($"columns.{field.Name}", "is longer than 200 characters");
                else mapping = field.Set(mapping, column);
            }
            if (mapping.PatientControlNumber.Length == 0 && !problems.Any(x => x.Field == "columns.patientControlNumber"))
                Problem("columns.patientControlNumber", "is required: the column with the provider's claim id (CLP01 / CLM01)");
        }

        if (TryGet(e, "required", out var required) && required.ValueKind != JsonValueKind.Null)
        {
            if (required.ValueKind != JsonValueKind.Array) Problem("required", "must be an array of column field names");
            else
            {
                var names = new List<string>();
                foreach (var r in required.EnumerateArray())
                {
                    var field = r.ValueKind == JsonValueKind.String
                        ? CsvDenialMapping.ColumnFields.FirstOrDefault(f => string.Equals(f.Name, r.GetString(), StringComparison.OrdinalIgnoreCase))
                        : null;
                    if (field is null) Problem("required", $"{(r.ValueKind == JsonValueKind.String ? $"'{r.GetString()}'" : r.GetRawText())} is not a column field");
                    else if (string.IsNullOrEmpty(field.Get(mapping))) Problem("required", $"'{field.Name}' is required but has no column in \"columns\"");
                    else names.Add(field.Name);
                }
                mapping = mapping with { Required = names.Distinct().ToList() };
            }
        }

        if (TryGet(e, "statusMap", out var statusMap) && statusMap.ValueKind != JsonValueKind.Null)
        {
            if (statusMap.ValueKind != JsonValueKind.Object) Problem("statusMap", "must be an object: report status text → CLP02 code");
            else
            {
                var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var s in statusMap.EnumerateObject())
                {
                    if (s.Value.ValueKind != JsonValueKind.String || !IsClaimStatus(s.Value.GetString()))
                        Problem($"statusMap.{s.Name}", "must be a CLP02 claim status code as a string (\"1\" paid as primary, \"4\" denied, \"22\" reversal, …)");
                    else if (!map.TryAdd(s.Name.Trim(), s.Value.GetString()!.Trim())) Problem($"statusMap.{s.Name}", "is listed twice (status texts are matched ignoring case)");
                }
                if (mapping.Status is null && statusMap.EnumerateObject().Any())
                    Problem("statusMap", "is given but \"columns\" has no \"status\" column to read it from");
                mapping = mapping with { StatusMap = map };
            }
        }
        if (Text("defaultStatus", 2) is { } defaultStatus)
        {
            if (IsClaimStatus(defaultStatus)) mapping = mapping with { DefaultStatus = defaultStatus };
            else Problem("defaultStatus", "must be a CLP02 claim status code (\"4\" denied)");
        }
        if (Text("defaultAdjustmentGroup", 2) is { } group)
        {
            if (Groups.Contains(group.ToUpperInvariant())) mapping = mapping with { DefaultAdjustmentGroup = group.ToUpperInvariant() };
            else Problem("defaultAdjustmentGroup", $"must be one of {string.Join(", ", Groups)}");
        }
        if (TryGet(e, "dateFormats", out var formats) && formats.ValueKind != JsonValueKind.Null)
        {
            if (formats.ValueKind != JsonValueKind.Array || formats.GetArrayLength() == 0) Problem("dateFormats", "must be a non-empty array of date formats (e.g. \"MM/dd/yyyy\")");
            else
            {
                var list = new List<string>();
                foreach (var f in formats.EnumerateArray())
                {
                    if (f.ValueKind != JsonValueKind.String || !ReadsDates(f.GetString()!)) Problem("dateFormats", $"{f.GetRawText()} is not a date format that reads a day, month and year (e.g. \"dd.MM.yyyy\")");
                    else list.Add(f.GetString()!);
                }
                mapping = mapping with { DateFormats = list };
            }
        }

        if (mapping.PayerId is null && mapping.PayerName is null && mapping.PayerIdColumn is null && mapping.PayerNameColumn is null)
            Problem("payerId", "give payerId or payerName (or map a payerId / payerName column): the payer the report's cases are filed under");
        return (problems.Count == 0 ? mapping : null, problems);
    }

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
