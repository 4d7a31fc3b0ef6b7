using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace DenialPipeline.X12;

/// <summary>
/// A small insertion-ordered map (qualifier → value) for REF and AMT segments. The first two entries live in
/// fields (a claim or line rarely carries more), so a typical map is one small object. The first value of a
/// repeated qualifier wins; later ones are kept in <see cref="Repeated"/>.
/// </summary>
public sealed class X12Map<T> : IReadOnlyDictionary<string, T>
{
    public static X12Map<T> Empty { get; } = new();

    private string? _k0, _k1;
    private T? _v0, _v1;
    private List<KeyValuePair<string, T>>? _more;
    private List<KeyValuePair<string, T>>? _repeated;

    public int Count { get; private set; }

    /// <summary>Entries whose qualifier was already present (rare; kept so nothing is lost).</summary>
    public IReadOnlyList<KeyValuePair<string, T>> Repeated => _repeated ?? (IReadOnlyList<KeyValuePair<string, T>>)[];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Add(string key, T value)
    {
        if (ReferenceEquals(this, Empty)) throw new InvalidOperationException("The shared empty map is read-only");
        if (ContainsKey(key)) { (_repeated ??= []).Add(new(key, value)); return; }
        switch (Count)
        {
            case 0: _k0 = key; _v0 = value; break;
            case 1: _k1 = key; _v1 = value; break;
            default: (_more ??= []).Add(new(key, value)); break;
        }
        Count++;
    }

    private KeyValuePair<string, T> At(int i) => i switch
    {
        0 => new(_k0!, _v0!),
        1 => new(_k1!, _v1!),
        _ => _more![i - 2],
    };

    public T this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => this.Select(kv => kv.Key);

    public IEnumerable<T> Values => this.Select(kv => kv.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        var i = IndexOf(key);
        if (i < 0) { value = default; return false; }
        value = At(i).Value;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(string key)
    {
        if (Count > 0 && string.Equals(_k0, key, StringComparison.Ordinal)) return 0;
        if (Count > 1 && string.Equals(_k1, key, StringComparison.Ordinal)) return 1;
        if (_more is not null)
            for (var i = 0; i < _more.Count; i++) if (string.Equals(_more[i].Key, key, StringComparison.Ordinal)) return i + 2;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return At(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
