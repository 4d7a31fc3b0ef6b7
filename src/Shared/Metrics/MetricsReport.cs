using System.Globalization;
using DenialPipeline.Cases;

namespace DenialPipeline.Metrics;

public sealed record MetricsReport(
    string From, string To, string? Payer, string? Provider, DateOnly AsOf, DateTimeOffset? RolledUpAt,
    MetricsFigures Totals, IReadOnlyList<MetricsFigures> ByMonth, IReadOnlyList<CarcFigures> ByCarc, IReadOnlyList<MetricsFigures> ByCategory,
    IReadOnlyList<MetricsFigures> ByPayer, IReadOnlyList<MetricsFigures> ByProvider, IReadOnlyList<MetricsFigures> ByCoder, OpenCaseFigures OpenCases)
{
    public static readonly string[] AgeBuckets = ["0-30", "31-60", "61-90", "90+"];
    public static readonly string[] DeadlineBuckets = ["overdue", "0-7", "8-14", "15-30", "31+", "none"];

    /// <summary>
    /// Builds the report from aggregated rows: month rows between <paramref name="from"/> and <paramref name="to"/>
    /// (inclusive) and the open-case rows (a snapshot as of <paramref name="asOf"/>, not limited by the months).
    /// </summary>
    public static MetricsReport Build(IEnumerable<MetricsRowEntity> rows, DateOnly from, DateOnly to, string? payer, string? provider, DateOnly asOf, DateTimeOffset? rolledUpAt)
    {
        var (fromKey, toKey) = (MetricsCellKey.MonthPartition(from), MetricsCellKey.MonthPartition(to));
        var cells = rows
            .Where(r => payer is null || r.Payer.Equals(payer, StringComparison.OrdinalIgnoreCase))
            .Where(r => provider is null || r.Provider.Equals(provider, StringComparison.OrdinalIgnoreCase))
            .Select(r => (Row: r, Counters: r.ReadCounters()))
            .ToList();
        var months = cells.Where(c => c.Row.PartitionKey != MetricsCellKey.OpenPartition
                                      && string.CompareOrdinal(c.Row.PartitionKey, fromKey) >= 0 && string.CompareOrdinal(c.Row.PartitionKey, toKey) <= 0).ToList();
        var open = cells.Where(c => c.Row.PartitionKey == MetricsCellKey.OpenPartition).ToList();

        var totals = Figures("total", months.Select(m => m.Counters), null);
        var allReceived = totals.ClaimsReceived;
        List<MetricsFigures> By(Func<MetricsRowEntity, string> dimension, bool rateAgainstAll) => months
            .Where(m => dimension(m.Row).Length > 0)
            .GroupBy(m => dimension(m.Row), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, g.Select(m => m.Counters), rateAgainstAll ? allReceived : null))
            .ToList();

        var byCarc = RankCarcs(months.Select(m => m.Counters).ToList(), allReceived);
        var openFigures = CountOpenCases(open.Select(o => o.Counters), asOf);

        return new MetricsReport(
            from.ToString("yyyy-MM", CultureInfo.InvariantCulture), to.ToString("yyyy-MM", CultureInfo.InvariantCulture), payer, provider, asOf, rolledUpAt,
            totals,
            EveryMonth(By(r => r.PartitionKey[2..], false), from, to),
            byCarc,
            By(r => r.Category, true),
            By(r => r.Payer, false),
            By(r => r.Provider, false),
            By(r => r.Coder, false),
            openFigures);
    }

    /// <summary>Denial reasons ranked by the claims they denied, with the money each held back.</summary>
    private static List<CarcFigures> RankCarcs(List<SortedDictionary<string, long>> months, long allReceived) => months
        .SelectMany(m => m)
        .Where(kv => kv.Key.StartsWith(Counter.CarcPrefix, StringComparison.Ordinal))
        .GroupBy(kv => kv.Key[Counter.CarcPrefix.Length..], StringComparer.Ordinal)
        .Select(g =>
        {
            var count = g.Sum(kv => kv.Value);
            var cents = months.Sum(m => m.GetValueOrDefault(Counter.CarcCentsPrefix + g.Key));
            return new CarcFigures(g.Key, count, cents / 100m, Rate(count, allReceived));
        })
        .OrderByDescending(c => c.ClaimsDenied).ThenBy(c => c.Carc, StringComparer.Ordinal)
        .ToList();

    /// <summary>Open cases by age (days since opened) and by days left to their deadline, as of <paramref name="asOf"/>.</summary>
    private static OpenCaseFigures CountOpenCases(IEnumerable<SortedDictionary<string, long>> open, DateOnly asOf)
    {
        var byAge = AgeBuckets.ToDictionary(b => b, _ => 0L);
        var byDeadline = DeadlineBuckets.ToDictionary(b => b, _ => 0L);
        long openTotal = 0;
        foreach (var counters in open)
        {
            openTotal += counters.GetValueOrDefault(Counter.Open);
            foreach (var (name, value) in counters)
            {
                if (name.StartsWith(Counter.OpenedPrefix, StringComparison.Ordinal) && TryDate(name[Counter.OpenedPrefix.Length..], out var opened))
                    byAge[AgeBucket(asOf.DayNumber - opened.DayNumber)] += value;
                else if (name == Counter.NoDeadline)
                    byDeadline["none"] += value;
                else if (name.StartsWith(Counter.DeadlinePrefix, StringComparison.Ordinal) && TryDate(name[Counter.DeadlinePrefix.Length..], out var due))
                    byDeadline[DeadlineBucket(due.DayNumber - asOf.DayNumber)] += value;
            }
        }
        return new OpenCaseFigures(openTotal, byAge, byDeadline);
    }

    /// <summary>One row per month of the range, in order: a month with nothing in it is a row of zeros (null rates), so a chart never joins January to March.</summary>
    private static List<MetricsFigures> EveryMonth(List<MetricsFigures> months, DateOnly from, DateOnly to)
    {
        var found = months.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var result = new List<MetricsFigures>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            var key = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            result.Add(found.GetValueOrDefault(key) ?? Figures(key, [], null));
        }
        return result;
    }

    public static string AgeBucket(int days) => days <= 30 ? "0-30" : days <= 60 ? "31-60" : days <= 90 ? "61-90" : "90+";

    public static string DeadlineBucket(int daysLeft) => daysLeft < 0 ? "overdue" : daysLeft <= 7 ? "0-7" : daysLeft <= 14 ? "8-14" : daysLeft <= 30 ? "15-30" : "31+";

    private static bool TryDate(string s, out DateOnly d) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d);

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>Sums counters; <paramref name="receivedForRate"/> replaces the group's own claims received as the denial-rate denominator (category: received claims have no category).</summary>
    private static MetricsFigures Figures(string key, IEnumerable<SortedDictionary<string, long>> counters, long? receivedForRate)
    {
        var sum = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in counters)
            foreach (var (name, value) in c)
                sum[name] = sum.GetValueOrDefault(name) + value;
        long Get(string name) => sum.GetValueOrDefault(name);
        long Status(CaseStatus s) => Get(s.ToString());

        var days = sum.Where(kv => kv.Key.StartsWith(Counter.DaysPrefix, StringComparison.Ordinal))
            .Select(kv => (Days: int.Parse(kv.Key[Counter.DaysPrefix.Length..], CultureInfo.InvariantCulture), Count: kv.Value))
            .Where(d => d.Count > 0).OrderBy(d => d.Days).ToList();
        var resolved = days.Sum(d => d.Count);
        var (overturned, partial, upheld) = (Status(CaseStatus.Overturned), Status(CaseStatus.PartiallyOverturned), Status(CaseStatus.Upheld));
        var received = Get(Counter.ClaimsReceived);
        return new MetricsFigures(
            key, received, Get(Counter.ReceivedCents) / 100m, Get(Counter.ClaimsDenied), Get(Counter.DeniedCents) / 100m,
            Rate(Get(Counter.ClaimsDenied), receivedForRate ?? received),
            overturned, partial, upheld, Status(CaseStatus.WrittenOff), Status(CaseStatus.PatientBilled), Status(CaseStatus.Rebilled), resolved,
            Rate(overturned + partial, overturned + partial + upheld), Get(Counter.RecoveredCents) / 100m,
            Median(days, resolved), Percentile(days, resolved, 0.9),
            Get(Counter.LettersApproved), Get(Counter.DeadlinesMissed));
    }

    /// <summary>The value at 1-based rank <paramref name="rank"/> of the histogram.</summary>
    private static int AtRank(List<(int Days, long Count)> histogram, long rank)
    {
        long seen = 0;
        foreach (var (d, n) in histogram)
        {
            seen += n;
            if (seen >= rank) return d;
        }
        return histogram[^1].Days;
    }

    /// <summary>The median: the middle value, or the mean of the two middle values when the count is even.</summary>
    public static double? Median(List<(int Days, long Count)> histogram, long n) =>
        n == 0 ? null : n % 2 == 1 ? AtRank(histogram, (n + 1) / 2) : (AtRank(histogram, n / 2) + AtRank(histogram, n / 2 + 1)) / 2.0;

    /// <summary>Nearest-rank percentile: the value at rank ⌈p·n⌉.</summary>
    public static int? Percentile(List<(int Days, long Count)> histogram, long n, double p) =>
        n == 0 ? null : AtRank(histogram, (long)Math.Ceiling(p * n));
}
