using System.Globalization;
using System.Text;
using DenialPipeline.Metrics;

namespace DenialPipeline.Api;

/// <summary>The report as CSV, one row per group; cells that a spreadsheet would run as a formula are escaped.</summary>
public static class MetricsCsv
{
    public static readonly string[] Header =
    [
        "group", "key", "claimsReceived", "amountReceived", "claimsDenied", "amountDenied", "denialRate",
        "overturned", "partiallyOverturned", "upheld", "writtenOff", "patientBilled", "rebilled", "resolved",
        "overturnRate", "amountRecovered", "medianDaysToResolution", "p90DaysToResolution", "lettersApproved", "deadlinesMissed", "openCases",
    ];

    public static string Write(MetricsReport r)
    {
        var sb = new StringBuilder();
        Line(sb, Header);
        void Figures(string group, MetricsFigures f) => Line(sb,
        [
            group, f.Key, N(f.ClaimsReceived), N(f.AmountReceived), N(f.ClaimsDenied), N(f.AmountDenied), N(f.DenialRate),
            N(f.Overturned), N(f.PartiallyOverturned), N(f.Upheld), N(f.WrittenOff), N(f.PatientBilled), N(f.Rebilled), N(f.Resolved),
            N(f.OverturnRate), N(f.AmountRecovered), N(f.MedianDaysToResolution), N(f.P90DaysToResolution), N(f.LettersApproved), N(f.DeadlinesMissed), "",
        ]);
        Figures("total", r.Totals);
        foreach (var f in r.ByMonth) Figures("month", f);
        foreach (var c in r.ByCarc) Line(sb, ["carc", c.Carc, "", "", N(c.ClaimsDenied), N(c.AmountDenied), N(c.DenialRate), .. Enumerable.Repeat("", 14)]);
        foreach (var f in r.ByCategory) Figures("category", f);
        foreach (var f in r.ByPayer) Figures("payer", f);
        foreach (var f in r.ByProvider) Figures("provider", f);
        foreach (var f in r.ByCoder) Figures("coder", f);
        foreach (var (bucket, n) in r.OpenCases.ByAge) Line(sb, ["openByAge", bucket, .. Enumerable.Repeat("", 18), N(n)]);
        foreach (var (bucket, n) in r.OpenCases.ByDaysToDeadline) Line(sb, ["openByDaysToDeadline", bucket, .. Enumerable.Repeat("", 18), N(n)]);
        return sb.ToString();
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string N(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);
    private static string N(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
    private static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Escape(cells[i]));
        }
        sb.Append("\r\n");
    }

    /// <summary>
    /// A cell starting with =, +, -, @ (or tab/CR, which some spreadsheets also run) gets a leading apostrophe so it is
    /// read as text, never as a formula (CSV injection); then RFC 4180 quoting. A cell holding a semicolon or a tab is
    /// quoted too: a spreadsheet in a locale whose list separator is ';' (most of Europe), or one that splits on tabs,
    /// would otherwise cut "x;=HYPERLINK(…)" into a second cell that starts with '=' and runs.
    /// </summary>
    public static string Escape(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\n', '\r', ';', '\t']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
