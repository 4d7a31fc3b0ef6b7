using System.Globalization;
using System.Text;
using DenialPipeline.ClaimCheck;

namespace DenialPipeline.Api;

/// <summary><c>GET /api/claims/check/metrics</c> and <c>…/metrics.csv</c> (Manager, Admin): the prevention view's figures.</summary>
public sealed class ClaimCheckMetricsApi(ClaimCheckMetrics metrics)
{
    public async Task<ApiResult> GetAsync(CancellationToken cancellationToken = default) => ApiResult.Ok(await metrics.ReportAsync(cancellationToken));

    public async Task<ApiResult> GetCsvAsync(CancellationToken cancellationToken = default) =>
        new(200, Csv(await metrics.ReportAsync(cancellationToken)), null, "text/csv; charset=utf-8") { FileName = "claim-check-metrics.csv" };

    /// <summary>Sections of one CSV: per rule, per payer, per provider (first column says which).</summary>
    public static string Csv(PreventionReport r)
    {
        var sb = new StringBuilder("section,key,name,flagged,denied,preventable,predicted,missed,false_alarms,preventable_amount,predicted_amount\n");
        sb.Append(CultureInfo.InvariantCulture, $"total,,,{r.Checked},{r.Denied},{r.Preventable},{r.Predicted},{r.Missed},{r.FalseAlarms},{r.PreventableAmount},{r.PredictedAmount}\n");
        foreach (var m in r.ByRule)
            sb.Append(CultureInfo.InvariantCulture, $"rule,{m.Rule},,{m.Flagged},,,{m.Predicted},{m.Missed},{m.FalseAlarms},,\n");
        foreach (var (section, rows) in new[] { ("payer", r.ByPayer), ("provider", r.ByProvider) })
            foreach (var p in rows)
                sb.Append(CultureInfo.InvariantCulture, $"{section},{ClaimCheckCsv.Cell(p.Id)},{ClaimCheckCsv.Cell(p.Name)},,{p.Denied},{p.Preventable},{p.Predicted},{p.Missed},,{p.PreventableAmount},{p.PredictedAmount}\n");
        return sb.ToString();
    }
}
