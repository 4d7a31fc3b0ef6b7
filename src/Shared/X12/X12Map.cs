using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace DenialPipeline.X12;

/// <summary>
/// A small insertion-ordered map (qualifier → value) for REF and AMT segments: cheaper than a Dictionary for the
/// two or three entries a claim carries. The first value of a repeated qualifier wins; later ones are kept in
/// <see cref="Repeated"/>.
/// </summary>
public sealed class X12Map<T> : IReadOnlyDictionary<string, T>
{
    public static X12Map<T> Empty { get; } = new();

    private string[] _keys = [];
    private T[] _values = [];
    private List<KeyValuePair<string, T>>? _repeated;

    public int Count { get; private set; }

    /// <summary>Entries whose qualifier was already present (rare; kept so nothing is lost).</summary>
    public IReadOnlyList<KeyValuePair<string, T>> Repeated => _repeated ?? (IReadOnlyList<KeyValuePair<string, T>>)[];

    internal void Add(string key, T value)
    {
        if (ContainsKey(key)) { (_repeated ??= []).Add(new(key, value)); return; }
        if (Count == _keys.Length)
        {
            var n = Math.Max(2, Count * 2);
            Array.Resize(ref _keys, n);
            Array.Resize(ref _values, n);
        }
        _keys[Count] = key;
        _values[Count] = value;
        Count++;
    }

    public T this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _keys.Take(Count);

    public IEnumerable<T> Values => _values.Take(Count);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        var i = IndexOf(key);
        if (i < 0) { value = default; return false; }
        value = _values[i];
        return true;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++) if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return new(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
