using System.Globalization;
using DenialPipeline.X12;

namespace DenialPipeline.Denials;

public static partial class CsvDenialReportReader
{
    /// <summary>
    /// The cells of one data row read as text, amounts and dates under the mapping; a cell that does not read is an
    /// error naming its row, column and claim (the patient control number), and the field stays empty.
    /// </summary>
    private sealed class RowCells(long row, List<string> cells, int? pcnColumn, CsvDenialMapping m, string[] dateFormats, List<CsvIssue> issues)
    {
        public long Row => row;
        public int Count => cells.Count;
        public string? Pcn { get; } = CellOf(cells, pcnColumn);

        public string? Cell(int? i) => CellOf(cells, i);

        public decimal? Amount(int? i, string? column)
        {
            var s = Cell(i);
            if (s is null) return null;
            switch (CsvAmount.TryParse(s, m.DecimalSeparator, out var d))
            {
                case CsvAmount.Problem.None:
                    return d;
                case CsvAmount.Problem.Ambiguous:
                    issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column,
                        $"Ambiguous amount: with this mapping's decimal separator '{m.DecimalSeparator}' its separators do not group thousands, so it was not read " +
                        $"(is the report's decimal separator '{(m.DecimalSeparator == '.' ? ',' : '.')}'? then the mapping's decimalSeparator is wrong)", "CsvAmbiguousAmount", Pcn));
                    return null;
                default:
                    issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column, "Not an amount", "CsvNotAnAmount", Pcn));
                    return null;
            }
        }

        public DateOnly? Date(int? i, string? column)
        {
            var s = Cell(i);
            if (s is null) return null;
            if (DateOnly.TryParseExact(s, dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            issues.Add(new CsvIssue(X12IssueSeverity.Error, row, column, "Not a date in a known format", "CsvNotADate", Pcn));
            return null;
        }

        public void Warn(string? column, string message, string code) =>
            issues.Add(new CsvIssue(X12IssueSeverity.Warning, row, column, message, code, Pcn));

        private static string? CellOf(List<string> cells, int? i) =>
            i is { } k && k < cells.Count && cells[k].Trim() is { Length: > 0 } v ? v : null;
    }
}
