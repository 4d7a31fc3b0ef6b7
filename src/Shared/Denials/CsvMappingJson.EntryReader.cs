using System.Text.Json;

namespace DenialPipeline.Denials;

public static partial class CsvMappingJson
{
    /// <summary>Reads one mapping entry, collecting every problem (one import shows them all) instead of stopping at the first.</summary>
    private sealed class EntryReader(JsonElement e, int index)
    {
        private readonly List<CsvMappingProblem> _problems = [];
        private string? _label;
        private CsvDenialMapping _mapping = new() { PatientControlNumber = "", Payer = "" };

        public (CsvDenialMapping? Mapping, List<CsvMappingProblem> Problems) Read()
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                _problems.Add(new CsvMappingProblem(index, null, "(entry)", "is not a JSON object"));
                return (null, _problems);
            }
            _label = TryGet(e, "payer", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()?.Trim() : null;
            CheckTopFields();
            if (_label is null or { Length: 0 }) { _label = null; Problem("payer", "is required: the mapping's label (e.g. \"ACME portal denials\")"); }
            else if (_label.Length > 100) Problem("payer", "is longer than 100 characters");
            _mapping = new CsvDenialMapping { PatientControlNumber = "", Payer = _label ?? "", Description = Text("description", 1000), PayerId = Text("payerId", 80), PayerName = Text("payerName", 200) };

            ReadSeparators();
            ReadColumns();
            ReadRequired();
            ReadStatusMap();
            ReadDefaults();
            ReadDateFormats();

            if (_mapping.PayerId is null && _mapping.PayerName is null && _mapping.PayerIdColumn is null && _mapping.PayerNameColumn is null)
                Problem("payerId", "give payerId or payerName (or map a payerId / payerName column): the payer the report's cases are filed under");
            return (_problems.Count == 0 ? _mapping : null, _problems);
        }

        private void Problem(string field, string message) =>
            _problems.Add(new CsvMappingProblem(index, string.IsNullOrEmpty(_label) ? null : _label, field, message));

        private void CheckTopFields()
        {
            foreach (var property in e.EnumerateObject())
                if (!TopFields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                    Problem(property.Name, ColumnNameOf(property.Name) is { } col
                        ? $"is not a field of a mapping; columns go inside \"columns\" (\"columns\": {{\"{col}\": \"…\"}})"
                        : $"is not a field of a mapping (fields: {string.Join(", ", TopFields)})");
        }

        private string? Text(string field, int max = 200)
        {
            if (!TryGet(e, field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) { Problem(field, "must be a string"); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length > max) { Problem(field, $"is longer than {max} characters"); return null; }
            return s.Length == 0 ? null : s;
        }

        private void ReadSeparators()
        {
            if (TryGet(e, "delimiter", out var delimiter) && delimiter.ValueKind != JsonValueKind.Null)
            {
                // Not trimmed: a tab is a delimiter. "tab" and "\\t" (a backslash and a t) also mean one.
                var d = delimiter.ValueKind == JsonValueKind.String ? delimiter.GetString()! : null;
                if (d is "tab" or "TAB" or "\\t") d = "\t";
                if (d is not { Length: 1 }) Problem("delimiter", "must be one character (\",\", \";\", \"|\" or \"\\t\" for a tab)");
                else if (d[0] is '"' or '\r' or '\n') Problem("delimiter", "cannot be a quote or a line break");
                else _mapping = _mapping with { Delimiter = d[0] };
            }

            if (Text("decimalSeparator", 10) is { } sep)
            {
                if (sep is "." or ",") _mapping = _mapping with { DecimalSeparator = sep[0] };
                else Problem("decimalSeparator", "must be \".\" (1,234.56) or \",\" (1.234,56)");
            }
        }

        private void ReadColumns()
        {
            if (!TryGet(e, "columns", out var columns) || columns.ValueKind == JsonValueKind.Null)
            {
                Problem("columns", "is required: an object naming the header column of each field (at least \"patientControlNumber\")");
                return;
            }
            if (columns.ValueKind != JsonValueKind.Object) { Problem("columns", "must be an object: field → header column name"); return; }
            foreach (var c in columns.EnumerateObject())
            {
                var field = CsvDenialMapping.ColumnFields.FirstOrDefault(f => string.Equals(f.Name, c.Name, StringComparison.OrdinalIgnoreCase));
                if (field is null) { Problem($"columns.{c.Name}", $"is not a column field (fields: {string.Join(", ", CsvDenialMapping.ColumnFields.Select(f => f.Name))})"); continue; }
                if (c.Value.ValueKind == JsonValueKind.Null) continue;
                if (c.Value.ValueKind != JsonValueKind.String || c.Value.GetString()!.Trim() is not { Length: > 0 } column)
                    Problem($"columns.{field.Name}", "must be a header column name (a non-empty string)");
                else if (column.Length > 200) Problem($"columns.{field.Name}", "is longer than 200 characters");
                else _mapping = field.Set(_mapping, column);
            }
            if (_mapping.PatientControlNumber.Length == 0 && !_problems.Any(x => x.Field == "columns.patientControlNumber"))
                Problem("columns.patientControlNumber", "is required: the column with the provider's claim id (CLP01 / CLM01)");
        }

        private void ReadRequired()
        {
            if (!TryGet(e, "required", out var required) || required.ValueKind == JsonValueKind.Null) return;
            if (required.ValueKind != JsonValueKind.Array) { Problem("required", "must be an array of column field names"); return; }
            var names = new List<string>();
            foreach (var r in required.EnumerateArray())
            {
                var field = r.ValueKind == JsonValueKind.String
                    ? CsvDenialMapping.ColumnFields.FirstOrDefault(f => string.Equals(f.Name, r.GetString(), StringComparison.OrdinalIgnoreCase))
                    : null;
                if (field is null) Problem("required", $"{(r.ValueKind == JsonValueKind.String ? $"'{r.GetString()}'" : r.GetRawText())} is not a column field");
                else if (string.IsNullOrEmpty(field.Get(_mapping))) Problem("required", $"'{field.Name}' is required but has no column in \"columns\"");
                else names.Add(field.Name);
            }
            _mapping = _mapping with { Required = names.Distinct().ToList() };
        }

        private void ReadStatusMap()
        {
            if (!TryGet(e, "statusMap", out var statusMap) || statusMap.ValueKind == JsonValueKind.Null) return;
            if (statusMap.ValueKind != JsonValueKind.Object) { Problem("statusMap", "must be an object: report status text → CLP02 code"); return; }
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var s in statusMap.EnumerateObject())
            {
                if (s.Value.ValueKind != JsonValueKind.String || !IsClaimStatus(s.Value.GetString()))
                    Problem($"statusMap.{s.Name}", "must be a CLP02 claim status code as a string (\"1\" paid as primary, \"4\" denied, \"22\" reversal, …)");
                else if (!map.TryAdd(s.Name.Trim(), s.Value.GetString()!.Trim())) Problem($"statusMap.{s.Name}", "is listed twice (status texts are matched ignoring case)");
            }
            if (_mapping.Status is null && statusMap.EnumerateObject().Any())
                Problem("statusMap", "is given but \"columns\" has no \"status\" column to read it from");
            _mapping = _mapping with { StatusMap = map };
        }

        private void ReadDefaults()
        {
            if (Text("defaultStatus", 2) is { } defaultStatus)
            {
                if (IsClaimStatus(defaultStatus)) _mapping = _mapping with { DefaultStatus = defaultStatus };
                else Problem("defaultStatus", "must be a CLP02 claim status code (\"4\" denied)");
            }
            if (Text("defaultAdjustmentGroup", 2) is { } group)
            {
                if (Groups.Contains(group.ToUpperInvariant())) _mapping = _mapping with { DefaultAdjustmentGroup = group.ToUpperInvariant() };
                else Problem("defaultAdjustmentGroup", $"must be one of {string.Join(", ", Groups)}");
            }
        }

        private void ReadDateFormats()
        {
            if (!TryGet(e, "dateFormats", out var formats) || formats.ValueKind == JsonValueKind.Null) return;
            if (formats.ValueKind != JsonValueKind.Array || formats.GetArrayLength() == 0)
            {
                Problem("dateFormats", "must be a non-empty array of date formats (e.g. \"MM/dd/yyyy\")");
                return;
            }
            var list = new List<string>();
            foreach (var f in formats.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.String || !ReadsDates(f.GetString()!)) Problem("dateFormats", $"{f.GetRawText()} is not a date format that reads a day, month and year (e.g. \"dd.MM.yyyy\")");
                else list.Add(f.GetString()!);
            }
            _mapping = _mapping with { DateFormats = list };
        }
    }
}
