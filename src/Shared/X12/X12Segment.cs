using System.Text;

namespace DenialPipeline.X12;

/// <summary>A view of one segment inside the tokenizer's buffer; element 0 is the segment id.</summary>
public readonly ref struct X12Segment
{
    private readonly ReadOnlySpan<byte> _raw;
    private readonly ReadOnlySpan<int> _bounds;
    private readonly X12StringCache? _strings;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal X12Segment(ReadOnlySpan<byte> raw, ReadOnlySpan<int> bounds, X12Separators separators, X12StringCache? strings)
    {
        _raw = raw;
        _bounds = bounds;
        Separators = separators;
        _strings = strings;
    }

    public X12Separators Separators { get; }

    /// <summary>The raw bytes of the segment without its terminator.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>Number of elements including the segment id.</summary>
    public int Count => _bounds.Length / 2;

    public ReadOnlySpan<byte> Id => Count > 0 ? this[0] : default;

    /// <summary>Element i (0 = id); empty when absent.</summary>
    public ReadOnlySpan<byte> this[int i] => (uint)i < (uint)Count ? _raw.Slice(_bounds[i * 2], _bounds[i * 2 + 1]) : default;

    public bool IdIs(string id)
    {
        var s = Id;
        if (s.Length != id.Length) return false;
        for (var i = 0; i < s.Length; i++) if (s[i] != id[i]) return false;
        return true;
    }

    public bool Has(int i) => !this[i].IsEmpty;

    /// <summary>Element i as a string, or null when empty.</summary>
    public string? Str(int i) => X12Text.ToStr(this[i], _strings);

    /// <summary>Element i as a string without the short-string cache (names, identifiers: values that rarely repeat).</summary>
    public string? Text(int i) => X12Text.ToStr(this[i], null);

    /// <summary>Component c (0-based) of composite element i.</summary>
    public ReadOnlySpan<byte> Component(int i, int c) => X12Text.Component(this[i], Separators.Component, c);

    public string? ComponentStr(int i, int c) => X12Text.ToStr(Component(i, c), _strings);

    public override string ToString() => Encoding.UTF8.GetString(_raw);
}
