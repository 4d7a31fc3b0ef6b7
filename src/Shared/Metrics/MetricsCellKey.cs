using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Metrics;

/// <summary>
/// Where a counter goes: a partition ("m-yyyy-MM" for a month, "open" for the open-case snapshot) and the dimensions
/// payer × category × provider × coder. An empty dimension means "not applicable" (claims received have no category or coder).
/// </summary>
public sealed record MetricsCellKey(string Partition, string Payer, string Category, string Provider, string Coder)
{
    public const string OpenPartition = "open";

    public static string MonthPartition(DateOnly day) => "m-" + day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string MonthPartition(int year, int month) => $"m-{year:D4}-{month:D2}";

    /// <summary>Hashed, so any payer, provider or coder spelling is a valid and distinct row key.</summary>
    public string RowKey => Keys.Hash("d", Payer, Category, Provider, Coder);
}
