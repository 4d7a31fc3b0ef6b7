using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DenialPipeline.LocalHost;

/// <summary>
/// A forward-only UTF-8 JSON writer for <c>parse --json</c> that prints exactly what <see cref="Utf8JsonWriter"/> prints
/// (compact, or indented like <c>WriteIndented</c>) for the values the parse document holds, at a fraction of its cost
/// per token: property names are written pre-encoded, strings that need no escaping are copied byte for byte, and
/// amounts are formatted from the decimal's digits. Anything unusual takes the framework's own path: a string with
/// a character to escape is written by a <see cref="Utf8JsonWriter"/>, an amount beyond 32 bits of digits by
/// <see cref="Utf8Formatter"/>. Which ASCII characters need no escaping is asked of the framework once, not assumed.
/// The small writes are inlined into the caller's fully optimised loop (ParseJsonWriter), so under tiered compilation
/// the per-claim path never runs unoptimised code or waits for the background compiler.
/// </summary>
public sealed class JsonEmitter
{
    private const int BufferBytes = 512 * 1024; // twice ParseJsonWriter's flush threshold

    // True for each ASCII character Utf8JsonWriter copies as is (asked of it, so the two cannot disagree).
    private static readonly bool[] Plain = PlainAscii();

    private readonly Stream _output;
    private readonly bool _indented;
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private readonly Utf8JsonWriter _escaper;
    private byte[] _buffer = new byte[BufferBytes];
    private int _length;
    private int _depth;
    private bool _hasItems;

    public JsonEmitter(Stream output, bool indented)
    {
        _output = output;
        _indented = indented;
        _escaper = new Utf8JsonWriter(_scratch, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Bytes written but not yet passed to the stream.</summary>
    public int Pending => _length;

    /// <summary>A property name, quoted and encoded once.</summary>
    public sealed class Name(string name)
    {
        internal readonly byte[] Bytes = [(byte)'"', .. JsonEncodedText.Encode(name).EncodedUtf8Bytes, (byte)'"', (byte)':'];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartObject() { Item(); Put((byte)'{'); Open(); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartObject(Name name) { Property(name); Put((byte)'{'); Open(); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartArray(Name name) { Property(name); Put((byte)'['); Open(); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndObject() => Close((byte)'}');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndArray() => Close((byte)']');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void String(Name name, string? value)
    {
        Property(name);
        if (value is null) Literal("null"u8); else Text(value);
    }

    public void String(Name name, ReadOnlySpan<char> value) { Property(name); Text(value); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StringValue(string value) { Item(); Text(value); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Number(Name name, decimal value) { Property(name); Amount(value); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Number(Name name, decimal? value)
    {
        Property(name);
        if (value is { } v) Amount(v); else Literal("null"u8);
    }

    public void Number(Name name, long value)
    {
        Property(name);
        Reserve(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var n);
        _length += n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Boolean(Name name, bool value) { Property(name); Literal(value ? "true"u8 : "false"u8); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Null(Name name) { Property(name); Literal("null"u8); }

    /// <summary>A property whose value is given as JSON already (a constant such as <c>"claim"</c>, quotes included).</summary>
    public void Raw(Name name, ReadOnlySpan<byte> json) { Property(name); Literal(json); }

    /// <summary>Passes what is pending to the stream.</summary>
    public void Flush()
    {
        if (_length == 0) return;
        _output.Write(_buffer, 0, _length);
        _length = 0;
    }

    /// <summary>Passes what is pending to the stream, asynchronously.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_length == 0) return;
        await _output.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        _length = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Open()
    {
        _depth++;
        _hasItems = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Close(byte bracket)
    {
        _depth--;
        // Utf8JsonWriter prints an empty container as {} or [] even when indenting.
        if (_indented && _hasItems) NewLine();
        Put(bracket);
        _hasItems = true;
    }

    // Before a value in an array (or the root): the comma and, indented, the new line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Item()
    {
        if (_hasItems) Put((byte)',');
        if (_indented && _depth > 0) NewLine();
        _hasItems = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Property(Name name)
    {
        Item();
        var bytes = name.Bytes;
        Reserve(bytes.Length + 1);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        if (_indented) _buffer[_length++] = (byte)' ';
    }

    private void NewLine()
    {
        var newLine = Environment.NewLine;
        Reserve(newLine.Length + 2 * _depth);
        foreach (var c in newLine) _buffer[_length++] = (byte)c;
        _buffer.AsSpan(_length, 2 * _depth).Fill((byte)' ');
        _length += 2 * _depth;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Text(ReadOnlySpan<char> value)
    {
        Reserve(value.Length + 2);
        var span = _buffer.AsSpan(_length + 1, value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 128 || !Plain[c]) { Escaped(value); return; }
            span[i] = (byte)c;
        }
        _buffer[_length] = (byte)'"';
        _buffer[_length + 1 + value.Length] = (byte)'"';
        _length += value.Length + 2;
    }

    // A string with something to escape (quotes, <, &, non-ASCII, controls…): the framework's own encoder writes it.
    private void Escaped(ReadOnlySpan<char> value)
    {
        _scratch.ResetWrittenCount();
        _escaper.Reset(_scratch);
        _escaper.WriteStringValue(value);
        _escaper.Flush();
        var bytes = _scratch.WrittenSpan;
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Amount(decimal value)
    {
        Reserve(32);
        _length += JsonDecimal.Format(value, _buffer.AsSpan(_length));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Literal(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Put(byte b)
    {
        Reserve(1);
        _buffer[_length++] = b;
    }

    // Room for n more bytes: pass what is pending to the stream first, and grow only for a value larger than the buffer.
    // The check is inlined into every write; the rare work is not.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int n)
    {
        if (_length + n > _buffer.Length) MakeRoom(n);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakeRoom(int n)
    {
        Flush();
        if (n > _buffer.Length) _buffer = new byte[Math.Max(n, 2 * _buffer.Length)];
    }

    private static bool[] PlainAscii()
    {
        var plain = new bool[128];
        var buffer = new ArrayBufferWriter<byte>(16);
        using var writer = new Utf8JsonWriter(buffer);
        Span<char> one = stackalloc char[1];
        for (var c = 0; c < 128; c++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            one[0] = (char)c;
            writer.WriteStringValue(one);
            writer.Flush();
            plain[c] = buffer.WrittenCount == 3;
        }
        return plain;
    }
}
