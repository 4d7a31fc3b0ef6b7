using System.Globalization;
using Azure.Data.Tables;
using DenialPipeline.Metrics;
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
