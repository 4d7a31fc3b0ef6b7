namespace DenialPipeline.ClaimCheck;

/// <summary>
/// A set of procedure codes as payer manuals write them: single codes ("97110") and ranges of same-length codes
/// ("70010-79999", compared as text so HCPCS letters work: "E0100-E9999"), or a named list ("@therapy-always").
/// </summary>
public sealed class CodeSet
{
    private readonly HashSet<string> _codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string From, string To)> _ranges = [];

    public static CodeSet Empty { get; } = new([], new Dictionary<string, IReadOnlyList<string>>());

    public CodeSet(IEnumerable<string> entries, IReadOnlyDictionary<string, IReadOnlyList<string>> lists)
    {
        foreach (var raw in entries)
        {
            var e = raw.Trim();
            if (e.StartsWith('@'))
            {
                if (!lists.TryGetValue(e[1..], out var list)) throw new InvalidDataException($"claim-check rules: no code list named '{e[1..]}'");
                foreach (var c in list) Add(c);
            }
            else Add(e);
        }
    }

    private void Add(string e)
    {
        var dash = e.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0) _ranges.Add((e[..dash].Trim().ToUpperInvariant(), e[(dash + 1)..].Trim().ToUpperInvariant()));
        else if (e.Length > 0) _codes.Add(e);
    }

    public bool IsEmpty => _codes.Count == 0 && _ranges.Count == 0;

    public bool Contains(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return false;
        if (_codes.Contains(code)) return true;
        var c = code.ToUpperInvariant();
        foreach (var (from, to) in _ranges)
            if (c.Length == from.Length && string.CompareOrdinal(c, from) >= 0 && string.CompareOrdinal(c, to) <= 0) return true;
        return false;
    }
}
