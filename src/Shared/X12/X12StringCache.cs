using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DenialPipeline.X12;

/// <summary>Caches short strings (qualifiers, codes) so a large file does not allocate the same "CO" a million times.</summary>
internal sealed class X12StringCache
{
    private const int Size = 4096;
    private readonly Entry[] _table = new Entry[Size];

    private struct Entry
    {
        public ulong Key;
        public string? Value;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> s)
    {
        var n = s.Length;
        if (n > 7) return X12Text.Decode(s);
        // Key: the (up to 7) bytes little-endian, the length in the top byte. One table slot holds key and string.
        ref var r = ref MemoryMarshal.GetReference(s);
        ulong key;
        if (n >= 4)
        {
            // Two overlapping 4-byte reads; the overlap ORs equal bytes onto each other.
            key = Unsafe.ReadUnaligned<uint>(ref r) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, n - 4)) << (8 * (n - 4)));
        }
        else
        {
            key = n == 0 ? 0UL : r;
            if (n > 1) key |= (ulong)Unsafe.Add(ref r, 1) << 8;
            if (n > 2) key |= (ulong)Unsafe.Add(ref r, 2) << 16;
        }
        if ((key & 0x0080808080808080UL) != 0) return X12Text.Decode(s);
        key |= (ulong)n << 56;
        ref var e = ref _table[(int)((key * 0x9E3779B97F4A7C15UL) >> 52)];
        if (e.Key == key && e.Value is { } cached) return cached;
        return Add(ref e, key, s);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Add(ref Entry e, ulong key, ReadOnlySpan<byte> s)
    {
        var str = X12Text.Decode(s);
        e.Key = key;
        e.Value = str;
        return str;
    }
}
