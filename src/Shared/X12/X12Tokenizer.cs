using System.Buffers;
using System.IO.Pipelines;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace DenialPipeline.X12;

/// <summary>The four X12 delimiters. <see cref="Repetition"/> is null when the file has none (4010, or ISA11 = U).</summary>
public readonly record struct X12Separators(byte Element, byte Component, byte? Repetition, byte Segment)
{
    public static X12Separators Default { get; } = new((byte)'*', (byte)':', (byte)'^', (byte)'~');
}

/// <summary>
/// Streaming, byte-level X12 segment reader. It keeps one pooled buffer (grown only for a segment longer than
/// the buffer, up to <c>maxSegmentLength</c>), so memory does not depend on the file size.
/// Tolerates a byte-order mark, CR/LF/CRLF and indentation between segments, newline as the terminator,
/// ISA headers that are not padded to 106 bytes, several ISA envelopes (separators re-read at every ISA) and
/// files without an envelope (separators guessed from the first segment).
/// Bad content never throws: problems are queued as <see cref="X12Issue"/>s in <see cref="Issues"/>.
/// </summary>
public sealed class X12Tokenizer : IDisposable
{
    private const int MaxElements = 4096;
    private readonly Stream? _stream;
    private readonly PipeReader? _pipe;
    private readonly bool _leaveOpen;
    private readonly int _maxSegmentLength;
    private byte[] _buf;
    private int _start;      // first unconsumed byte
    private int _end;        // end of valid data
    private long _bufOffset; // stream offset of _buf[0]
    private bool _eof;
    private bool _atStreamStart = true;

    private int _segStart, _segLength;
    private int[] _bounds = new int[128]; // pairs (start, length) relative to _segStart
    private int _elementCount;
    private readonly Queue<X12Issue> _issues = new();
    private readonly X12StringCache _strings = new();

    internal X12StringCache Strings => _strings;

    public X12Tokenizer(Stream stream, int bufferSize = 64 * 1024, int maxSegmentLength = 1 << 20, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxSegmentLength = Math.Max(256, maxSegmentLength);
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(1024, bufferSize));
    }

    /// <summary>
    /// Reads from a <see cref="PipeReader"/> (asynchronously only: <see cref="ReadAsync"/>). Each fill copies what the
    /// pipe has into the tokenizer's buffer and advances the pipe past it, so the pipe never holds more than one
    /// unread chunk. The pipe is not completed: the caller owns it.
    /// </summary>
    public X12Tokenizer(PipeReader pipe, int bufferSize = 64 * 1024, int maxSegmentLength = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        _pipe = pipe;
        _leaveOpen = true;
        _maxSegmentLength = Math.Max(256, maxSegmentLength);
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(1024, bufferSize));
    }

    /// <summary>The separators in force for <see cref="Current"/>.</summary>
    public X12Separators Separators { get; private set; } = X12Separators.Default;

    /// <summary>True when the separators came from an ISA header rather than being guessed.</summary>
    public bool SeparatorsFromIsa { get; private set; }

    /// <summary>True while the component separator is a guess (no ISA seen); a reader may confirm it from data.</summary>
    public bool ComponentSeparatorGuessed { get; private set; } = true;

    /// <summary>1-based number of the current segment in the file.</summary>
    public long SegmentIndex { get; private set; }

    /// <summary>Byte offset (from the start of the stream, BOM included) of the current segment's first byte.</summary>
    public long ByteOffset { get; private set; }

    /// <summary>False when the current segment was ended by the end of the stream rather than a terminator.</summary>
    public bool CurrentTerminated { get; private set; }

    /// <summary>Total bytes consumed so far.</summary>
    public long BytesRead => _bufOffset + _start;

    public X12Position Position => new(SegmentIndex, ByteOffset);

    /// <summary>Problems found by the tokenizer (bad separators, over-long segments, garbage); the caller drains them.</summary>
    public Queue<X12Issue> Issues => _issues;

    /// <summary>The current segment; valid until the next <see cref="ReadAsync"/> / <see cref="Read"/>.</summary>
    public X12Segment Current => new(_buf.AsSpan(_segStart, _segLength), _bounds.AsSpan(0, _elementCount * 2), Separators, _strings);

    /// <summary>Adopts a component separator seen in the data when none came from an ISA header.</summary>
    public void ConfirmComponentSeparator(byte component)
    {
        if (!ComponentSeparatorGuessed) return;
        Separators = Separators with { Component = component };
        ComponentSeparatorGuessed = false;
    }

    /// <summary>
    /// Checks a composite element ("HC:99213", "11:B:1") against the component separator in force. When the element
    /// does not contain it but clearly uses another one after its 2-3 character qualifier, that one is adopted for the
    /// rest of the interchange (with a warning when it contradicts ISA16). Returns true when the separator changed.
    /// </summary>
    public bool SniffComponentSeparator(ReadOnlySpan<byte> composite)
    {
        if (composite.Length < 4 || composite.IndexOf(Separators.Component) >= 0) return false;
        var q = 0;
        while (q < composite.Length && q < 3 && IsAlnum(composite[q])) q++;
        if (q < 2 || q + 1 >= composite.Length) return false;
        var b = composite[q];
        if (IsAlnum(b) || b is (byte)' ' or (byte)'-' or (byte)'.' or (byte)'/' or (byte)'&' or (byte)',' or (byte)'\'' or (byte)'(' or (byte)')'
            || b == Separators.Element || b == Separators.Segment || !IsAlnum(composite[q + 1])) return false;
        if (!ComponentSeparatorGuessed)
            Enqueue(X12IssueSeverity.Warning, X12IssueCodes.Component, $"ISA16 declares '{(char)Separators.Component}' but the data uses '{(char)b}'; '{(char)b}' adopted", SegmentIndex, ByteOffset);
        Separators = Separators with { Component = b };
        ComponentSeparatorGuessed = false;
        return true;
    }

    public bool Read()
    {
        while (true)
        {
            var r = TryTokenize();
            if (r == Step.Segment) return true;
            if (r == Step.End) return false;
            FillSync();
        }
    }

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        // Fast path without an async state machine: the segment is already buffered.
        cancellationToken.ThrowIfCancellationRequested();
        var r = TryTokenize();
        if (r == Step.Segment) return new ValueTask<bool>(true);
        if (r == Step.End) return new ValueTask<bool>(false);
        return ReadSlowAsync(cancellationToken);
    }

    private async ValueTask<bool> ReadSlowAsync(CancellationToken cancellationToken)
    {
        await FillAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var r = TryTokenize();
            if (r == Step.Segment) return true;
            if (r == Step.End) return false;
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal enum Step { Segment, NeedData, End }

    /// <summary>Reads the next segment if it is already buffered; <see cref="Step.NeedData"/>: call <see cref="FillAsync"/>.</summary>
    internal Step TryReadBuffered() => TryTokenize();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Step TryTokenize()
    {
        // Skip whitespace (and NULs) between segments; the BOM at the very start.
        var span = _buf.AsSpan(_start, _end - _start);
        if (_atStreamStart)
        {
            if (span.Length < 3 && !_eof) return Step.NeedData;
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) { _start += 3; span = span[3..]; }
            _atStreamStart = false;
        }
        var skip = 0;
        while (skip < span.Length && IsInterSegmentSpace(span[skip])) skip++;
        _start += skip;
        span = span[skip..];
        if (span.Length == 0) return _eof ? Step.End : Step.NeedData;

        // Separators: re-read at every ISA; guessed from the first segment when there is no envelope.
        if (span.Length >= 4 && span[0] == 'I' && span[1] == 'S' && span[2] == 'A' && !IsAlnum(span[3]))
        {
            var d = DetectFromIsa(span, out var need);
            if (d == Detect.NeedData && !_eof) return NeedMore(need);
            if (d == Detect.Failed && (SegmentIndex == 0 || !SeparatorsFromIsa))
            {
                if (SegmentIndex == 0) GuessSeparators(span);
                Enqueue(X12IssueSeverity.Error, X12IssueCodes.Isa, "ISA header could not be read; separators guessed", SegmentIndex + 1, BytesRead);
            }
        }
        else if (SegmentIndex == 0)
        {
            if (span.Length < 512 && !_eof) return NeedMore(512);
            GuessSeparators(span);
        }

        var seps = Separators;
        // One pass finds the terminator (or a newline) and records the element boundaries on the way.
        var nl = Scan(span, seps.Element, seps.Segment, out var lastElementStart);
        int segLen, consumed;
        if (nl < 0)
        {
            if (!_eof)
            {
                if (span.Length >= _maxSegmentLength)
                {
                    // Garbage: skip it without growing the buffer without bound.
                    Enqueue(X12IssueSeverity.Error, X12IssueCodes.SegmentTooLong, $"No segment terminator within {_maxSegmentLength} bytes; bytes skipped", SegmentIndex + 1, BytesRead);
                    _start += span.Length;
                    return Step.NeedData;
                }
                return NeedMore(span.Length + 1);
            }
            segLen = span.Length;
            consumed = span.Length;
            CurrentTerminated = false;
        }
        else
        {
            segLen = nl;
            consumed = nl + 1;
            CurrentTerminated = true;
        }
        // Trim trailing whitespace (CR of CRLF, padding).
        while (segLen > 0 && span[segLen - 1] is (byte)'\r' or (byte)' ' or (byte)'\t' or 0) segLen--;

        SegmentIndex++;
        ByteOffset = BytesRead;
        _segStart = _start;
        _segLength = segLen;
        _start += consumed;
        if (IsTrailingSpace(seps.Element) || _elementCount >= MaxElements)
            Split(_buf.AsSpan(_segStart, segLen), seps.Element); // trimming could drop a separator: the careful way
        else
        {
            // The last element runs to the (trimmed) end of the segment.
            var count = _elementCount;
            if (count * 2 + 2 > _bounds.Length) Array.Resize(ref _bounds, _bounds.Length * 2);
            _bounds[count * 2] = lastElementStart;
            _bounds[count * 2 + 1] = segLen - lastElementStart;
            _elementCount = count + 1;
        }
        return Step.Segment;
    }

    private Step NeedMore(int atLeast)
    {
        if (atLeast > _buf.Length - _start && _start > 0) Compact();
        if (atLeast > _buf.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_buf.Length * 2, atLeast), Math.Max(_maxSegmentLength + 1024, atLeast)));
            Buffer.BlockCopy(_buf, _start, bigger, 0, _end - _start);
            _bufOffset += _start;
            _end -= _start;
            _start = 0;
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        return Step.NeedData;
    }

    private void Compact()
    {
        if (_start == 0) return;
        Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
        _bufOffset += _start;
        _end -= _start;
        _start = 0;
    }

    private void FillSync()
    {
        if (_end == _buf.Length) Compact();
        if (_end == _buf.Length) NeedMore(_buf.Length + 1);
        if (_stream is null) throw new NotSupportedException("A tokenizer over a PipeReader reads asynchronously only (ReadAsync)");
        var n = _stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0) _eof = true; else _end += n;
    }

    internal async ValueTask FillAsync(CancellationToken ct)
    {
        if (_end == _buf.Length) Compact();
        if (_end == _buf.Length) NeedMore(_buf.Length + 1);
        var n = _stream is not null
            ? await _stream.ReadAsync(_buf.AsMemory(_end, _buf.Length - _end), ct).ConfigureAwait(false)
            : await FillFromPipeAsync(_buf.AsMemory(_end, _buf.Length - _end), ct).ConfigureAwait(false);
        if (n == 0) _eof = true; else _end += n;
    }

    /// <summary>Copies what the pipe holds (at most <paramref name="into"/>'s length); 0 only when the writer has completed.</summary>
    private async ValueTask<int> FillFromPipeAsync(Memory<byte> into, CancellationToken ct)
    {
        var pipe = _pipe!;
        while (true)
        {
            var result = await pipe.ReadAsync(ct).ConfigureAwait(false);
            if (result.IsCanceled) throw new OperationCanceledException("The pipe's pending read was cancelled");
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                var n = (int)Math.Min(buffer.Length, into.Length);
                var taken = buffer.Slice(0, n);
                taken.CopyTo(into.Span);
                pipe.AdvanceTo(taken.End);
                return n;
            }
            pipe.AdvanceTo(buffer.End);
            if (result.IsCompleted) return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTrailingSpace(byte b) => b is (byte)'\r' or (byte)' ' or (byte)'\t' or 0;

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
        if (found < 0 && count < MaxElements)
        {
            for (; i < length; i++)
            {
                var b = span[i];
                if (b == terminator || b == (byte)'\n') { found = i; break; }
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
        }
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

    private enum Detect { Ok, NeedData, Failed }

    private Detect DetectFromIsa(ReadOnlySpan<byte> span, out int need)
    {
        need = Math.Max(span.Length + 1, 128);
        var element = span[3];
        if (element is (byte)' ' or (byte)'\r' or (byte)'\n') return Detect.Failed;
        // Walk to the 16th element separator: ISA16 (component separator) follows, then the terminator.
        var seen = 0;
        var i = 3;
        var isa11Start = -1; var isa11End = -1; var isa12Start = -1;
        for (; i < span.Length && i < 400; i++)
        {
            if (span[i] != element) continue;
            seen++;
            if (seen == 11) isa11Start = i + 1;
            if (seen == 12) { isa11End = i; isa12Start = i + 1; }
            if (seen == 16) break;
        }
        if (seen < 16) return i >= 400 ? Detect.Failed : Detect.NeedData;
        if (i + 2 >= span.Length || (i + 3 >= span.Length && !_eof)) return Detect.NeedData;
        var component = span[i + 1];
        var terminator = span[i + 2];
        // CRLF (or LF) as terminator: split on LF and trim the CR; a lone CR is a terminator of its own.
        if (terminator == (byte)'\r' && i + 3 < span.Length && span[i + 3] == (byte)'\n') terminator = (byte)'\n';
        if (IsAlnum(terminator) || terminator == element || terminator == (byte)' ') return Detect.Failed;
        byte? repetition = null;
        if (isa11End - isa11Start == 1 && !IsAlnum(span[isa11Start]) && span[isa11Start] != (byte)' '
            && span.Length > isa12Start + 3 && span[isa12Start] == '0' && span[isa12Start + 1] == '0' && span[isa12Start + 2] >= '5')
            repetition = span[isa11Start];
        Separators = new X12Separators(element, component, repetition, terminator);
        SeparatorsFromIsa = true;
        ComponentSeparatorGuessed = false;
        return Detect.Ok;
    }

    private void GuessSeparators(ReadOnlySpan<byte> span)
    {
        // No envelope: "ST*835*0001~". Element separator = first byte after the 2-3 character segment id;
        // terminator = first byte of the segment that cannot be data.
        var id = 0;
        while (id < span.Length && id < 3 && IsAlnum(span[id])) id++;
        if (id < 2 || id >= span.Length)
        {
            Enqueue(X12IssueSeverity.Error, X12IssueCodes.Separators, "No ISA header and no recognisable first segment; default separators assumed", 1, BytesRead);
            return;
        }
        var element = span[id];
        byte terminator = (byte)'~';
        var found = false;
        for (var i = id + 1; i < span.Length; i++)
        {
            var b = span[i];
            if (b == element || IsAlnum(b) || b is (byte)' ' or (byte)'.' or (byte)'-') continue;
            terminator = b == (byte)'\r' && i + 1 < span.Length && span[i + 1] == (byte)'\n' ? (byte)'\n' : b;
            found = true;
            break;
        }
        if (!found && !_eof)
            Enqueue(X12IssueSeverity.Warning, X12IssueCodes.Separators, "Segment terminator not found in the first segment; '~' assumed", 1, BytesRead);
        var component = element == (byte)':' ? (byte)'>' : (byte)':';
        Separators = new X12Separators(element, component, null, terminator);
        SeparatorsFromIsa = false;
        ComponentSeparatorGuessed = true;
    }

    private void Enqueue(X12IssueSeverity severity, string code, string message, long segmentIndex, long offset) =>
        _issues.Enqueue(new X12Issue(severity, code, message, new X12Position(segmentIndex, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsInterSegmentSpace(byte b) => b is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' or 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsAlnum(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 25;

    public void Dispose()
    {
        var buf = _buf;
        _buf = [];
        if (buf.Length > 0) ArrayPool<byte>.Shared.Return(buf);
        if (!_leaveOpen) _stream?.Dispose();
    }
}

/// <summary>A view of one segment inside the tokenizer's buffer; element 0 is the segment id.</summary>
public readonly ref struct X12Segment
{
    private readonly ReadOnlySpan<byte> _raw;
    private readonly ReadOnlySpan<int> _bounds;
    private readonly X12StringCache? _strings;

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
