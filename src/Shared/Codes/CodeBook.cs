using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DenialPipeline.Codes;

/// <summary>
/// CARC, RARC and group codes as data: loaded from the embedded CSVs in Codes/Data, overlaid by the
/// official X12 lists through <see cref="ImportOfficialList"/>. Look-ups never throw: an unknown code
/// comes back with <c>Known = false</c>. Safe to share: an import swaps in new tables atomically.
/// </summary>
public sealed partial class CodeBook
{
    private sealed record Tables(
        FrozenDictionary<string, CarcInfo> Carcs,
        FrozenDictionary<string, RarcInfo> Rarcs,
        FrozenDictionary<string, GroupCodeInfo> Groups);

    private Tables _tables;
    private readonly Lock _importLock = new();

    private CodeBook(Tables tables) => _tables = tables;

    /// <summary>The code book shipped with the pipeline (embedded Codes/Data/*.csv).</summary>
    public static CodeBook LoadDefault()
    {
        using var carc = OpenResource("carc.csv");
        using var rarc = OpenResource("rarc.csv");
        using var groups = OpenResource("group-codes.csv");
        return Load(carc, rarc, groups);
    }

    /// <summary>Builds a code book from our own CSV formats (see docs/research.md); bad rows throw: they are our data.</summary>
    public static CodeBook Load(TextReader carcCsv, TextReader rarcCsv, TextReader groupCsv)
    {
        var carcs = new Dictionary<string, CarcInfo>(StringComparer.Ordinal);
        foreach (var row in Csv.ReadWithHeader(carcCsv, out var c))
        {
            var code = CodeValue.Carc(row.Field(c["code"]));
            carcs[code.Code] = new CarcInfo(
                code, true, row.Field(c["description"]),
                ParseEnum<DenialCategory>(row.Field(c["category"]), "carc", row.Row),
                ParseEnum<ResolutionAction>(row.Field(c["default_action"]), "carc", row.Row),
                decimal.Parse(row.Field(c["recovery_likelihood"]), CultureInfo.InvariantCulture),
                c.TryGetValue("element", out var e) && row.Field(e).Length > 0 ? ParseEnum<ClaimElement>(row.Field(e), "carc", row.Row) : null);
        }
        var rarcs = new Dictionary<string, RarcInfo>(StringComparer.Ordinal);
        foreach (var row in Csv.ReadWithHeader(rarcCsv, out var r))
        {
            var code = CodeValue.Rarc(row.Field(r["code"]));
            var element = row.Field(r["missing_element"]);
            rarcs[code.Code] = new RarcInfo(
                code, true, row.Field(r["text"]),
                bool.Parse(row.Field(r["alert"])),
                element.Length == 0 ? null : ParseEnum<ClaimElement>(element, "rarc", row.Row));
        }
        var groups = new Dictionary<string, GroupCodeInfo>(StringComparer.Ordinal);
        foreach (var row in Csv.ReadWithHeader(groupCsv, out var g))
        {
            var code = CodeValue.Group(row.Field(g["code"]));
            groups[code.Code] = new GroupCodeInfo(code, true, row.Field(g["meaning"]), bool.Parse(row.Field(g["patient_may_be_billed"])), row.Field(g["who_may_be_billed"]));
        }
        return new CodeBook(new Tables(carcs.ToFrozenDictionary(StringComparer.Ordinal), rarcs.ToFrozenDictionary(StringComparer.Ordinal), groups.ToFrozenDictionary(StringComparer.Ordinal)));
    }

    public CarcInfo Carc(string? code)
    {
        var value = CodeValue.Carc(code ?? string.Empty);
        return Volatile.Read(ref _tables).Carcs.TryGetValue(value.Code, out var info)
            ? info
            : new CarcInfo(value, false, $"Unknown adjustment reason code {value.Code}: not in the code book; look it up on the official list.", DenialCategory.Other, ResolutionAction.ManualReview, 0.30m);
    }

    public RarcInfo Rarc(string? code)
    {
        var value = CodeValue.Rarc(code ?? string.Empty);
        return Volatile.Read(ref _tables).Rarcs.TryGetValue(value.Code, out var info)
            ? info
            : new RarcInfo(value, false, $"Unknown remark code {value.Code}: not in the code book.", false, null);
    }

    public GroupCodeInfo Group(string? code)
    {
        var value = CodeValue.Group(code ?? string.Empty);
        return Volatile.Read(ref _tables).Groups.TryGetValue(value.Code, out var info)
            ? info
            : new GroupCodeInfo(value, false, $"Unknown group code {value.Code}.", false, "Unknown: review before billing anyone.");
    }

    public IReadOnlyCollection<CarcInfo> Carcs => Volatile.Read(ref _tables).Carcs.Values;
    public IReadOnlyCollection<RarcInfo> Rarcs => Volatile.Read(ref _tables).Rarcs.Values;
    public IReadOnlyCollection<GroupCodeInfo> Groups => Volatile.Read(ref _tables).Groups.Values;

    /// <summary>
    /// Overlays the official X12 CARC or RARC list (CSV columns: code, description, start date, last
    /// modified, stop date; a header row is recognised and skipped). Official descriptions and dates are
    /// added to codes we know (our plain-English wording, category and action stay); codes we do not know
    /// are added with the official text, category Other and action ManualReview. Bad rows are rejected with
    /// their row number; the good rows are still taken.
    /// </summary>
    public CodeImportResult ImportOfficialList(TextReader reader, CodeKind kind)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (kind == CodeKind.Group) throw new ArgumentException("Group codes have no official list to import.", nameof(kind));

        var rejected = new List<CodeImportRejection>();
        var rows = ReadOfficialRows(reader, kind, rejected);
        var added = new List<CodeValue>();
        var updated = new List<CodeValue>();
        lock (_importLock)
        {
            var tables = _tables;
            Volatile.Write(ref _tables, kind == CodeKind.Carc
                ? tables with { Carcs = MergeCarcs(tables.Carcs, rows, added, updated) }
                : tables with { Rarcs = MergeRarcs(tables.Rarcs, rows, added, updated) });
        }
        return new CodeImportResult(kind, added, updated, rejected);
    }

    /// <summary>One good row of an official list.</summary>
    private readonly record struct OfficialRow(int Row, string Code, string Description, DateOnly? Start, DateOnly? Modified, DateOnly? Stop);

    /// <summary>The good rows of an official list in file order; each bad row is rejected with its number and why.</summary>
    private static List<OfficialRow> ReadOfficialRows(TextReader reader, CodeKind kind, List<CodeImportRejection> rejected)
    {
        var rows = new List<OfficialRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var pattern = kind == CodeKind.Carc ? CarcPattern() : RarcPattern();
        foreach (var row in Csv.Read(reader))
        {
            if (row.IsBlank) continue;
            var rawCode = row.Field(0);
            if (rows.Count == 0 && rejected.Count == 0 && seen.Count == 0 && rawCode.Contains("code", StringComparison.OrdinalIgnoreCase))
                continue; // header
            var code = CodeValue.Normalize(rawCode);
            if (code.Length == 0) { rejected.Add(new(row.Row, null, "code is empty")); continue; }
            if (!pattern.IsMatch(code)) { rejected.Add(new(row.Row, code, $"'{code}' is not a {kind} code")); continue; }
            var description = row.Field(1);
            if (description.Length == 0) { rejected.Add(new(row.Row, code, "description is empty")); continue; }
            if (!Csv.TryDate(row.Field(2), out var start)) { rejected.Add(new(row.Row, code, $"start date '{row.Field(2)}' is not a date")); continue; }
            if (!Csv.TryDate(row.Field(3), out var modified)) { rejected.Add(new(row.Row, code, $"last modified '{row.Field(3)}' is not a date")); continue; }
            if (!Csv.TryDate(row.Field(4), out var stop)) { rejected.Add(new(row.Row, code, $"stop date '{row.Field(4)}' is not a date")); continue; }
            if (start is not null && stop is not null && stop < start) { rejected.Add(new(row.Row, code, "stop date is before start date")); continue; }
            if (seen.TryGetValue(code, out var first)) { rejected.Add(new(row.Row, code, $"duplicate of row {first}")); continue; }
            seen[code] = row.Row;
            rows.Add(new(row.Row, code, description, start, modified, stop));
        }
        return rows;
    }

    /// <summary>Official text and dates onto the CARCs we know; unknown ones join as category Other, action ManualReview.</summary>
    private static FrozenDictionary<string, CarcInfo> MergeCarcs(
        FrozenDictionary<string, CarcInfo> carcs, List<OfficialRow> rows, List<CodeValue> added, List<CodeValue> updated)
    {
        var map = carcs.ToDictionary(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (map.TryGetValue(r.Code, out var known))
            {
                map[r.Code] = known with { OfficialDescription = r.Description, StartDate = r.Start, LastModified = r.Modified, StopDate = r.Stop };
                updated.Add(known.Code);
                continue;
            }
            var value = CodeValue.Carc(r.Code);
            map[r.Code] = new CarcInfo(value, true, r.Description, DenialCategory.Other, ResolutionAction.ManualReview, 0.30m, null, r.Description, r.Start, r.Modified, r.Stop);
            added.Add(value);
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Official text and dates onto the RARCs we know; an unknown one is an alert when its text starts "Alert".</summary>
    private static FrozenDictionary<string, RarcInfo> MergeRarcs(
        FrozenDictionary<string, RarcInfo> rarcs, List<OfficialRow> rows, List<CodeValue> added, List<CodeValue> updated)
    {
        var map = rarcs.ToDictionary(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (map.TryGetValue(r.Code, out var known))
            {
                map[r.Code] = known with { OfficialDescription = r.Description, StartDate = r.Start, LastModified = r.Modified, StopDate = r.Stop };
                updated.Add(known.Code);
                continue;
            }
            var value = CodeValue.Rarc(r.Code);
            var alert = r.Description.StartsWith("Alert", StringComparison.OrdinalIgnoreCase);
            map[r.Code] = new RarcInfo(value, true, r.Description, alert, null, r.Description, r.Start, r.Modified, r.Stop);
            added.Add(value);
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex("^[A-Z]?[0-9]{1,3}$")]
    private static partial Regex CarcPattern();

    [GeneratedRegex("^[A-Z]{1,2}[0-9]{1,4}$")]
    private static partial Regex RarcPattern();

    private static T ParseEnum<T>(string text, string file, int row) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"{file}.csv row {row}: '{text}' is not a {typeof(T).Name}.");

    private static StreamReader OpenResource(string fileName)
    {
        var assembly = typeof(CodeBook).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Codes.Data." + fileName, StringComparison.Ordinal));
        return new StreamReader(assembly.GetManifestResourceStream(name)!);
    }
}
