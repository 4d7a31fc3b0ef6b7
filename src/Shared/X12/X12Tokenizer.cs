using System.Buffers;
using System.IO.Pipelines;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace DenialPipeline.X12;

/// <summary>
/// Streaming, byte-level X12 segment reader. It keeps one pooled buffer (grown only for a segment longer than
/// the buffer, up to <c>maxSegmentLength</c>), so memory does not depend on the file size.
/// Tolerates a byte-order mark, CR/LF/CRLF and indentation between segments, newline as the terminator,
/// ISA headers that are not padded to 106 bytes, several ISA envelopes (separators re-read at every ISA) and
/// files without an envelope (separators guessed from the first segment).
/// Bad content never throws: problems are queued as <see cref="X12Issue"/>s in <see cref="Issues"/>.
/// </summary>
public sealed partial class X12Tokenizer : IDisposable
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
    public long SegmentIndex { [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] get; private set; }

    /// <summary>Byte offset (from the start of the stream, BOM included) of the current segment's first byte.</summary>
    public long ByteOffset { [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] get; private set; }

    /// <summary>False when the current segment was ended by the end of the stream rather than a terminator.</summary>
    public bool CurrentTerminated { get; private set; }

    /// <summary>Total bytes consumed so far.</summary>
    public long BytesRead => _bufOffset + _start;

    public X12Position Position { [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] get => new(SegmentIndex, ByteOffset); }

    /// <summary>Problems found by the tokenizer (bad separators, over-long segments, garbage); the caller drains them.</summary>
    public Queue<X12Issue> Issues => _issues;

    /// <summary>The current segment; valid until the next <see cref="ReadAsync"/> / <see cref="Read"/>.</summary>
    public X12Segment Current
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => new(_buf.AsSpan(_segStart, _segLength), _bounds.AsSpan(0, _elementCount * 2), Separators, _strings);
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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
        var isa = span.Length >= 4 && span[0] == 'I' && span[1] == 'S' && span[2] == 'A' && !IsAlnum(span[3]);
        if ((isa || SegmentIndex == 0) && ReadSeparators(span, isa) is { } wait) return wait;

        var seps = Separators;
        // One pass finds the terminator (or a newline) and records the element boundaries on the way.
        var nl = Scan(span, seps.Element, seps.Segment, out var lastElementStart);
        int segLen, consumed;
        if (nl < 0)
        {
            if (!_eof) return Unterminated(span.Length);
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

    // No terminator in what is buffered (and more to come): read on, or skip garbage without growing the buffer without bound.
    private Step Unterminated(int buffered)
    {
        if (buffered < _maxSegmentLength) return NeedMore(buffered + 1);
        Enqueue(X12IssueSeverity.Error, X12IssueCodes.SegmentTooLong, $"No segment terminator within {_maxSegmentLength} bytes; bytes skipped", SegmentIndex + 1, BytesRead);
        _start += buffered;
        return Step.NeedData;
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
