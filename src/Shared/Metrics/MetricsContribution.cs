using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Metrics;

/// <summary>A set of cells with counters: what one source (a case, a file's receipts) contributes, or a whole rollup.</summary>
public sealed class MetricsContribution
{
    private readonly Dictionary<MetricsCellKey, SortedDictionary<string, long>> _cells = [];

    public IReadOnlyDictionary<MetricsCellKey, SortedDictionary<string, long>> Cells => _cells;

    public void Add(MetricsCellKey key, string counter, long value)
    {
        if (value == 0) return;
        if (!_cells.TryGetValue(key, out var c)) _cells[key] = c = new SortedDictionary<string, long>(StringComparer.Ordinal);
        c[counter] = c.GetValueOrDefault(counter) + value;
        if (c[counter] == 0) c.Remove(counter);
        if (c.Count == 0) _cells.Remove(key);
    }

    /// <summary>Adds <paramref name="other"/> times <paramref name="sign"/> (+1 or −1).</summary>
    public void Add(MetricsContribution other, int sign = 1)
    {
        foreach (var (key, counters) in other._cells)
            foreach (var (name, value) in counters)
                Add(key, name, sign * value);
    }

    public bool IsEmpty => _cells.Count == 0;

    public bool SameAs(MetricsContribution other)
    {
        var diff = new MetricsContribution();
        diff.Add(this);
        diff.Add(other, -1);
        return diff.IsEmpty;
    }

    private sealed record Row(string P, string Pa, string Ca, string Pr, string Co, SortedDictionary<string, long> C);

    public string Serialize() => JsonSerializer.Serialize(
        _cells.OrderBy(kv => kv.Key.Partition, StringComparer.Ordinal).ThenBy(kv => kv.Key.RowKey, StringComparer.Ordinal)
            .Select(kv => new Row(kv.Key.Partition, kv.Key.Payer, kv.Key.Category, kv.Key.Provider, kv.Key.Coder, kv.Value)), MessageJson.Options);

    public static MetricsContribution Deserialize(string? json)
    {
        var result = new MetricsContribution();
        if (string.IsNullOrEmpty(json)) return result;
        foreach (var r in JsonSerializer.Deserialize<List<Row>>(json, MessageJson.Options) ?? [])
            foreach (var (name, value) in r.C)
                result.Add(new MetricsCellKey(r.P, r.Pa, r.Ca, r.Pr, r.Co), name, value);
        return result;
    }

    public const string Unassigned = "unassigned";
    public const string Uncategorized = "Uncategorized";
    public const string UnknownProvider = "unknown";
    public const string LetterApprovedEvent = CaseEntity.LetterApprovedEvent;

    /// <summary>The provider a case or claim counts under: the rendering provider's id, else the payee's.</summary>
    public static string ProviderOf(string? renderingProviderId, string? payeeId) =>
        !string.IsNullOrWhiteSpace(renderingProviderId) ? renderingProviderId.Trim() : !string.IsNullOrWhiteSpace(payeeId) ? payeeId.Trim() : UnknownProvider;

    /// <summary>A coder's name from a history actor ("user:alice" → "alice").</summary>
    public static string CoderOf(string actor) => actor.StartsWith("user:", StringComparison.Ordinal) ? actor[5..] : actor;

    /// <summary>
    /// What one case contributes, a pure function of the case row and its history: the denial (month of its remittance),
    /// its outcome (month it closed), deadlines missed (month of the deadline), letters approved (month and coder of each
    /// approval), and while open, its place in the open snapshot.
    /// </summary>
    public static MetricsContribution FromCase(CaseEntity c, IReadOnlyList<CaseHistoryEntity> history)
    {
        var result = new MetricsContribution();
        // A case an earlier version opened for what is not a denial counts nowhere (CaseDenials: filtered at read time).
        if (!CaseDenials.IsDenial(c)) return result;
        var claim = ClaimSnapshot.Deserialize(c.ClaimJson);
        var payer = CaseIndex.PayerKey(c.PayerId, c.PayerName);
        var category = string.IsNullOrWhiteSpace(c.Category) ? Uncategorized : c.Category;
        var provider = ProviderOf(claim?.RenderingProviderId, c.PayeeId);
        var coder = string.IsNullOrWhiteSpace(c.AssignedTo) ? Unassigned : CoderOf(c.AssignedTo);
        var opened = ResolutionHandler.OpenedOn(c);

        var denied = new MetricsCellKey(MetricsCellKey.MonthPartition(opened), payer, category, provider, coder);
        result.Add(denied, Counter.ClaimsDenied, 1);
        result.Add(denied, Counter.DeniedCents, Counter.Cents(c.DeniedAmount));
        if (claim is not null)
        {
            // The denial reasons: the workable adjustments (not plain contractual ones such as CO-45 beside them); a claim
            // denied outright with none of those counts under the non-PR codes it carries.
            var reasons = claim.AllAdjustments.Where(a => a.Group != "PR" && a.Amount > 0).ToList();
            if (reasons.Any(a => a.Workable)) reasons = [.. reasons.Where(a => a.Workable)];
            foreach (var g in reasons.GroupBy(a => a.Code))
            {
                result.Add(denied, Counter.CarcPrefix + g.Key, 1);
                result.Add(denied, Counter.CarcCentsPrefix + g.Key, Counter.Cents(g.Sum(a => a.Amount)));
            }
        }

        if (CaseStatuses.IsClosed(c.StatusValue))
        {
            var closedOn = DateOnly.FromDateTime((c.ResolvedAt ?? c.UpdatedAt).UtcDateTime);
            var closed = denied with { Partition = MetricsCellKey.MonthPartition(closedOn) };
            result.Add(closed, c.Status, 1);
            result.Add(closed, Counter.RecoveredCents, Counter.Cents(c.RecoveredAmount));
            result.Add(closed, Counter.DaysPrefix + (c.DaysToResolution ?? Math.Max(0, closedOn.DayNumber - opened.DayNumber)).ToString(CultureInfo.InvariantCulture), 1);
        }
        else
        {
            var open = denied with { Partition = MetricsCellKey.OpenPartition };
            result.Add(open, Counter.Open, 1);
            result.Add(open, Counter.OpenedPrefix + opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 1);
            result.Add(open, c.Deadline is { } d ? Counter.DeadlinePrefix + DateOnly.FromDateTime(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Counter.NoDeadline, 1);
        }

        if (c.DeadlineMissed && c.Deadline is { } missed)
            result.Add(denied with { Partition = MetricsCellKey.MonthPartition(DateOnly.FromDateTime(missed)) }, Counter.DeadlinesMissed, 1);

        foreach (var h in history.Where(h => h.Event == LetterApprovedEvent))
        {
            var at = DateOnly.FromDateTime(h.At.UtcDateTime);
            result.Add(denied with { Partition = MetricsCellKey.MonthPartition(at), Coder = CoderOf(h.Actor) }, Counter.LettersApproved, 1);
        }
        return result;
    }
}
