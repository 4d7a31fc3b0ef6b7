using System.Globalization;
using System.Text;

namespace DenialPipeline.ClaimCheck;

/// <summary>The check's results as CSV: one row per finding (a claim without findings gets one row), claim columns repeated.</summary>
public static class ClaimCheckCsv
{
    public const string Header = "claim_id,status,risk,payer_id,payer_name,provider_npi,service_date,charge,rule,severity,line,evidence,fix,source";

    public static string Write(IEnumerable<ClaimCheckResult> results, IEnumerable<ClaimCheckInputError> errors)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in results)
        {
            var head = string.Join(',', Cell(r.ClaimId), r.Status, r.Risk.ToString("0.000", CultureInfo.InvariantCulture), Cell(r.PayerId), Cell(r.PayerName),
                Cell(r.ProviderNpi), r.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Charge.ToString(CultureInfo.InvariantCulture));
            if (r.Findings.Count == 0) sb.Append(head).Append(",,,,,,").Append(Cell(r.Source)).Append('\n');
            foreach (var f in r.Findings)
                sb.Append(head).Append(',').Append(f.Rule).Append(',').Append(f.Severity).Append(',').Append(f.Line?.ToString(CultureInfo.InvariantCulture))
                  .Append(',').Append(Cell(f.Evidence)).Append(',').Append(Cell(f.Fix)).Append(',').Append(Cell(r.Source)).Append('\n');
        }
        foreach (var e in errors)
            sb.Append(",not-checked,,,,,,,input,,,").Append(Cell(e.Reason)).Append(",,").Append(Cell(e.Source)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Quotes when needed, and defuses a leading =, +, - or @ (a spreadsheet would run it as a formula).</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
