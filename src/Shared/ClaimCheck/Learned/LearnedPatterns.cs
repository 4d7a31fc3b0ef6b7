namespace DenialPipeline.ClaimCheck.Learned;

/// <summary>
/// Denial patterns learned from adjudicated lines: per payer × procedure, × modifiers and × principal diagnosis, over
/// the window before <c>asOf</c>, counting distinct claims. A pattern is flagged when it has at least
/// <see cref="LearningOptions.MinSupport"/> claims and a denial rate of at least <see cref="LearningOptions.MinDenialRate"/>.
/// The payer's overall denial rate (same support rule) is kept as the baseline part of the risk.
/// </summary>
public sealed class LearnedPatterns
{
    private readonly Dictionary<(string Payer, string Procedure, PatternDimension Dim, string? Value), LearnedPattern> _flagged = [];
    private readonly Dictionary<string, (int Claims, int Denied)> _payerBaseline = new(StringComparer.OrdinalIgnoreCase);

    public static LearnedPatterns None { get; } = new();

    public LearningOptions Options { get; private init; } = new();
    public int LinesSeen { get; private init; }
    public IReadOnlyCollection<LearnedPattern> Flagged => _flagged.Values;

    public static LearnedPatterns Build(IEnumerable<AdjudicatedLine> history, DateOnly asOf, LearningOptions options)
    {
        var from = asOf.AddMonths(-options.WindowMonths);
        var acc = new Dictionary<(string, string, PatternDimension, string?), Accumulator>();
        var payers = new Dictionary<string, (HashSet<string> All, HashSet<string> Denied)>(StringComparer.OrdinalIgnoreCase);
        var seen = 0;
        foreach (var line in history)
        {
            if (line.ServiceDate < from || line.ServiceDate > asOf || line.Procedure.Length == 0) continue;
            seen++;
            var payer = line.PayerId.ToUpperInvariant();
            var proc = line.Procedure.ToUpperInvariant();
            var modifiers = string.Join(":", line.Modifiers.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));
            Add(acc, (payer, proc, PatternDimension.Procedure, null), line);
            Add(acc, (payer, proc, PatternDimension.Modifiers, modifiers), line);
            if (line.Diagnosis is { Length: > 0 } dx) Add(acc, (payer, proc, PatternDimension.Diagnosis, dx.ToUpperInvariant()), line);
            if (!payers.TryGetValue(payer, out var p)) payers[payer] = p = ([], []);
            p.All.Add(line.ClaimId);
            if (line.Denied) p.Denied.Add(line.ClaimId);
        }
        var result = new LearnedPatterns { Options = options, LinesSeen = seen };
        foreach (var (key, a) in acc)
        {
            if (a.Claims.Count < options.MinSupport) continue;
            var pattern = a.ToPattern(key.Item1, key.Item2, key.Item3, key.Item4);
            if (pattern.DenialRate >= options.MinDenialRate) result._flagged[key] = pattern;
        }
        foreach (var (payer, p) in payers)
            if (p.All.Count >= options.MinSupport) result._payerBaseline[payer] = (p.All.Count, p.Denied.Count);
        return result;
    }

    private static void Add(Dictionary<(string, string, PatternDimension, string?), Accumulator> acc, (string, string, PatternDimension, string?) key, AdjudicatedLine line)
    {
        if (!acc.TryGetValue(key, out var a)) acc[key] = a = new Accumulator(line.PayerName ?? line.PayerId);
        a.Add(line);
    }

    /// <summary>The flagged patterns a claim line matches, most specific and highest rate first.</summary>
    public IEnumerable<LearnedPattern> Matching(string payerId, string procedure, IReadOnlyList<string> modifiers, string? diagnosis)
    {
        var payer = payerId.ToUpperInvariant();
        var proc = procedure.ToUpperInvariant();
        var mods = string.Join(":", modifiers.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));
        var found = new List<LearnedPattern>(3);
        if (_flagged.TryGetValue((payer, proc, PatternDimension.Modifiers, mods), out var m)) found.Add(m);
        if (diagnosis is { Length: > 0 } && _flagged.TryGetValue((payer, proc, PatternDimension.Diagnosis, diagnosis.ToUpperInvariant()), out var d)) found.Add(d);
        if (_flagged.TryGetValue((payer, proc, PatternDimension.Procedure, null), out var p)) found.Add(p);
        return found.OrderByDescending(x => x.DenialRate).ThenBy(x => x.Dimension == PatternDimension.Procedure ? 1 : 0);
    }

    /// <summary>The payer's denial rate in the window (claims, denied), when it has enough history.</summary>
    public (int Claims, int Denied)? Baseline(string payerId) => _payerBaseline.TryGetValue(payerId, out var b) ? b : null;

    private sealed class Accumulator(string payerName)
    {
        private string _payerName = payerName;
        public readonly HashSet<string> Claims = new(StringComparer.Ordinal);
        private readonly HashSet<string> _denied = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _carcs = new(StringComparer.OrdinalIgnoreCase);
        private DateOnly _since = DateOnly.MaxValue;

        public void Add(AdjudicatedLine line)
        {
            Claims.Add(line.ClaimId);
            if (line.PayerName is { Length: > 0 } name) _payerName = name;
            if (line.ServiceDate < _since) _since = line.ServiceDate;
            if (!line.Denied || !_denied.Add(line.ClaimId)) return;
            foreach (var c in line.Carcs.Distinct(StringComparer.OrdinalIgnoreCase)) _carcs[c] = _carcs.GetValueOrDefault(c) + 1;
        }

        public LearnedPattern ToPattern(string payer, string proc, PatternDimension dim, string? value) =>
            new(payer, _payerName, proc, dim, value, Claims.Count, _denied.Count, _since,
                _carcs.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList());
    }
}
