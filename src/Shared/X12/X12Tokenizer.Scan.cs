using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DenialPipeline.X12;

/// <summary>The tokenizer's segment scan: one vectorised pass finds the terminator and every element boundary.</summary>
public sealed partial class X12Tokenizer
{
    /// <summary>
    /// Finds the first segment terminator or newline in <paramref name="span"/> (-1: none) and records the start and
    /// length of every element before it in <see cref="_bounds"/> except the last one, whose start is returned in
    /// <paramref name="lastStart"/> (its end depends on trimming). Vectorised: 32 bytes per step, then bit masks.
    /// More than <see cref="MaxElements"/> elements: the count says so and the caller splits the careful way.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int Scan(ReadOnlySpan<byte> span, byte element, byte terminator, out int lastStart)
    {
        var bounds = _bounds;
        var count = 0;
        var elementStart = 0;
        ref var r = ref MemoryMarshal.GetReference(span);
        var length = span.Length;
        var i = 0;
        var found = -1;
        if (Vector256.IsHardwareAccelerated)
        {
            var ve = Vector256.Create(element);
            var vt = Vector256.Create(terminator);
            var vn = Vector256.Create((byte)'\n');
            for (; i + 32 <= length; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref r, (nuint)i);
                var mt = (Vector256.Equals(v, vt) | Vector256.Equals(v, vn)).ExtractMostSignificantBits();
                var me = Vector256.Equals(v, ve).ExtractMostSignificantBits();
                if (mt != 0)
                {
                    var t = BitOperations.TrailingZeroCount(mt);
                    me &= (1u << t) - 1;
                    found = i + t;
                }
                if (me != 0)
                {
                    if (count * 2 + 66 > bounds.Length)
                    {
                        if (count >= MaxElements) { count = MaxElements; break; }
                        Array.Resize(ref _bounds, bounds.Length * 2);
                        bounds = _bounds;
                    }
                    do
                    {
                        var p = i + BitOperations.TrailingZeroCount(me);
                        me &= me - 1;
                        bounds[count * 2] = elementStart;
                        bounds[count * 2 + 1] = p - elementStart;
                        count++;
                        elementStart = p + 1;
                    }
                    while (me != 0);
                }
                if (found >= 0) break;
            }
        }
        if (found < 0 && count < MaxElements) found = ScanTail(span, element, terminator, ref i, ref count, ref elementStart);
        if (count >= MaxElements && found < 0)
        {
            // Too many elements to record: still find the end (the segment is split the careful way afterwards).
            var rest = span[i..].IndexOfAny(terminator, (byte)'\n');
            found = rest < 0 ? -1 : i + rest;
        }
        _elementCount = count;
        lastStart = elementStart;
        return found;
    }

    // The bytes after the last whole 32-byte block (or all of them without vector support), one at a time: only the
    // end of the buffer reaches here, since a segment's terminator is nearly always found by the vector loop.
    private int ScanTail(ReadOnlySpan<byte> span, byte element, byte terminator, ref int i, ref int count, ref int elementStart)
    {
        var bounds = _bounds;
        for (; i < span.Length; i++)
        {
            var b = span[i];
            if (b == terminator || b == (byte)'\n') return i;
            if (b != element) continue;
            if (count * 2 + 4 > bounds.Length)
            {
                if (count >= MaxElements) break;
                Array.Resize(ref _bounds, bounds.Length * 2);
                bounds = _bounds;
            }
            bounds[count * 2] = elementStart;
            bounds[count * 2 + 1] = i - elementStart;
            count++;
            elementStart = i + 1;
        }
        return -1;
    }

    private void Split(ReadOnlySpan<byte> seg, byte element)
    {
        var bounds = _bounds;
        var count = 0;
        var pos = 0;
        while (true)
        {
            if (count * 2 + 2 > bounds.Length)
            {
                if (count >= MaxElements) break;
                Array.Resize(ref _bounds, bounds.Length * 2);
                bounds = _bounds;
            }
            var i = seg[pos..].IndexOf(element);
            bounds[count * 2] = pos;
            if (i < 0)
            {
                bounds[count * 2 + 1] = seg.Length - pos;
                count++;
                break;
            }
            bounds[count * 2 + 1] = i;
            count++;
            pos += i + 1;
        }
        _elementCount = count;
    }
}
