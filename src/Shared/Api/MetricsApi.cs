using DenialPipeline.Metrics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>
/// GET /api/metrics and /api/metrics.csv (Manager role). Reads only the pre-aggregated rows of the Metrics table: the
/// months asked for and the open-case snapshot, never the cases. Host-agnostic, like <see cref="PipelineApi"/>.
/// </summary>
public sealed class MetricsApi(TableServiceClient tables, TimeProvider time)
{
    /// <summary>The app role these endpoints are for (the central role check uses it).</summary>
    public const string RequiredRole = "Manager";

    public const int MaxMonths = 60;

    public async Task<ApiResult> GetAsync(IQueryCollection query, CancellationToken cancellationToken = default)
    {
        var (report, error) = await ReportAsync(query, cancellationToken);
        return error ?? ApiResult.Ok(report!);
    }

    public async Task<ApiResult> GetCsvAsync(IQueryCollection query, CancellationToken cancellationToken = default)
    {
        var (report, error) = await ReportAsync(query, cancellationToken);
        return error ?? new ApiResult(200, MetricsCsv.Write(report!), null, "text/csv; charset=utf-8");
    }

    public async Task<(MetricsReport? Report, ApiResult? Error)> ReportAsync(IQueryCollection query, CancellationToken cancellationToken = default)
    {
        var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        DateOnly? from = null, to = null;
        foreach (var (name, set) in new (string, Action<DateOnly>)[] { ("from", d => from = d), ("to", d => to = d) })
        {
            if (query[name].FirstOrDefault() is not { Length: > 0 } text) continue;
            if (!TryMonth(text, out var month)) return (null, ApiResult.BadRequest($"'{name}' must be a month like 2026-01 (or a date like 2026-01-31)."));
            set(month);
        }
        var toMonth = to ?? new DateOnly(asOf.Year, asOf.Month, 1);
        var fromMonth = from ?? toMonth.AddMonths(-11);
        if (fromMonth > toMonth) return (null, ApiResult.BadRequest("'from' must not be after 'to'."));
        if ((toMonth.Year - fromMonth.Year) * 12 + toMonth.Month - fromMonth.Month >= MaxMonths)
            return (null, ApiResult.BadRequest($"Ask for at most {MaxMonths} months at a time."));
        var payer = query["payer"].FirstOrDefault() is { Length: > 0 } p ? p.Trim() : null;
        var provider = query["provider"].FirstOrDefault() is { Length: > 0 } pr ? pr.Trim() : null;

        var table = tables.GetTableClient(StorageNames.Tables.Metrics);
        var (fromKey, toKey) = (MetricsCellKey.MonthPartition(fromMonth), MetricsCellKey.MonthPartition(toMonth));
        var filter = TableClient.CreateQueryFilter($"(PartitionKey ge {fromKey} and PartitionKey le {toKey}) or PartitionKey eq {MetricsCellKey.OpenPartition}");
        var rows = new List<MetricsRowEntity>();
        await foreach (var row in table.QueryAsync<MetricsRowEntity>(filter, cancellationToken: cancellationToken))
            rows.Add(row);
        var state = await table.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow, cancellationToken: cancellationToken);
        return (MetricsReport.Build(rows, fromMonth, toMonth, payer, provider, asOf, state.HasValue ? state.Value!.LastRunAt : null), null);
    }

    private static bool TryMonth(string text, out DateOnly month)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month)
                 || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
        if (ok) month = new DateOnly(month.Year, month.Month, 1);
        return ok;
    }
}

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
