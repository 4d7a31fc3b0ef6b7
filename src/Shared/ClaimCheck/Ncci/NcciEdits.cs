using System.Globalization;
using DenialPipeline.Codes;
using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>
/// NCCI procedure-to-procedure edits and medically unlikely edits, read from CMS's quarterly files (the practitioner or
/// hospital PTP and MUE tables, saved as CSV or tab-separated text: CMS's header rows above the column names are
/// skipped). The repository ships only synthetic rows (Data/ncci-*.csv); a deployment imports the real files with
/// <c>import-ncci</c> (docs/claim-check.md says where they come from).
/// </summary>
public sealed class NcciEdits
{
    private readonly Dictionary<string, List<PtpEdit>> _ptpByCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MueLimit> _mue = new(StringComparer.OrdinalIgnoreCase);

    public int PtpCount { get; private set; }
    public int MueCount => _mue.Count;

    public static NcciEdits LoadDefault()
    {
        var edits = new NcciEdits();
        var assembly = typeof(NcciEdits).Assembly;
        foreach (var (kind, name) in new[] { (NcciFileKind.Ptp, "ncci-ptp.csv"), (NcciFileKind.Mue, "ncci-mue.csv") })
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream("DenialPipeline.ClaimCheck.Data." + name)!);
            edits.Import(kind, reader);
        }
        return edits;
    }

    /// <summary>The PTP edits whose column 1 or column 2 is this code.</summary>
    public IReadOnlyList<PtpEdit> PtpFor(string code) => _ptpByCode.TryGetValue(code, out var l) ? l : [];

    public MueLimit? MueFor(string code) => _mue.GetValueOrDefault(code);

    /// <summary>Reads one CMS file into these edits (a later row for the same pair or code replaces the earlier one).</summary>
    public NcciImportResult Import(NcciFileKind kind, TextReader text)
    {
        var rejected = new List<ImportRejection>();
        var taken = 0;
        var content = text.ReadToEnd();
        var delimiter = content.Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var rows = Csv.Read(new StringReader(delimiter == '\t' ? TabsToCsv(content) : content)).ToList();
        var header = rows.FindIndex(r => IsHeader(kind, r));
        if (header < 0)
        {
            rejected.Add(new ImportRejection(0, kind == NcciFileKind.Ptp
                ? "no header row starting 'Column 1' (the CMS PTP layout: Column 1, Column 2, *, Effective Date, Deletion Date, Modifier, Rationale)"
                : "no header row starting 'HCPCS' (the CMS MUE layout: HCPCS/CPT Code, MUE Values, MUE Adjudication Indicator, MUE Rationale)"));
            return new NcciImportResult(0, rejected);
        }
        foreach (var row in rows.Skip(header + 1))
        {
            if (row.IsBlank) continue;
            var reason = kind == NcciFileKind.Ptp ? TakePtp(row) : TakeMue(row);
            if (reason is null) taken++;
            else rejected.Add(new ImportRejection(row.Row, reason));
        }
        return new NcciImportResult(taken, rejected);
    }

    // The column-name row, not a notice row that starts with the same words ("Column 1/Column 2 Edits").
    private static bool IsHeader(NcciFileKind kind, CsvRow row) => kind == NcciFileKind.Ptp
        ? row.Field(0).StartsWith("Column", StringComparison.OrdinalIgnoreCase) && row.Field(1).StartsWith("Column", StringComparison.OrdinalIgnoreCase)
        : row.Field(0).StartsWith("HCPCS", StringComparison.OrdinalIgnoreCase) && row.Fields.Count >= 3;

    private string? TakePtp(CsvRow row)
    {
        string c1 = row.Field(0), c2 = row.Field(1);
        if (!IsCode(c1)) return $"column 1 '{c1}' is not a CPT/HCPCS code";
        if (!IsCode(c2)) return $"column 2 '{c2}' is not a CPT/HCPCS code";
        if (!TryDate(row.Field(3), out var effective) || effective is null) return $"effective date '{row.Field(3)}' is not YYYYMMDD";
        var deletionText = row.Field(4);
        DateOnly? deleted = null;
        if (deletionText is not ("" or "*") && (!TryDate(deletionText, out deleted) || deleted is null)) return $"deletion date '{deletionText}' is not YYYYMMDD or *";
        var m = row.Field(5);
        if (m is not ("0" or "1" or "9")) return $"modifier indicator '{m}' is not 0, 1 or 9";
        var edit = new PtpEdit(c1.ToUpperInvariant(), c2.ToUpperInvariant(), effective.Value, deleted, (PtpModifierIndicator)(m[0] - '0'), row.Field(6));
        AddPtp(edit.Column1, edit);
        AddPtp(edit.Column2, edit);
        PtpCount++;
        return null;
    }

    private void AddPtp(string code, PtpEdit edit)
    {
        if (!_ptpByCode.TryGetValue(code, out var list)) _ptpByCode[code] = list = [];
        list.RemoveAll(e => e.Column1 == edit.Column1 && e.Column2 == edit.Column2 && e.Effective == edit.Effective);
        list.Add(edit);
    }

    private string? TakeMue(CsvRow row)
    {
        var code = row.Field(0);
        if (!IsCode(code)) return $"code '{code}' is not a CPT/HCPCS code";
        if (!decimal.TryParse(row.Field(1), NumberStyles.Number, CultureInfo.InvariantCulture, out var units) || units < 0) return $"MUE value '{row.Field(1)}' is not a number of units";
        var mai = row.Field(2);
        if (mai.Length == 0 || mai[0] is not ('1' or '2' or '3')) return $"MUE adjudication indicator '{mai}' does not start with 1, 2 or 3";
        _mue[code.ToUpperInvariant()] = new MueLimit(code.ToUpperInvariant(), units, mai[0] - '0', row.Field(3));
        return null;
    }

    private static bool IsCode(string s) => s.Length == 5 && s.All(char.IsAsciiLetterOrDigit);

    private static bool TryDate(string s, out DateOnly? date)
    {
        date = null;
        if (DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) { date = d; return true; }
        return Csv.TryDate(s, out date);
    }

    /// <summary>CMS's text files are tab-separated: quote each field so the CSV reader reads them unchanged.</summary>
    private static string TabsToCsv(string content) =>
        string.Join('\n', content.Split('\n').Select(line =>
            string.Join(',', line.TrimEnd('\r').Split('\t').Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))));
}
