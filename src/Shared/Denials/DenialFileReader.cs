using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>
/// Opens a payer's dropped file — an X12 835 or a CSV denial report — as the 835 reader's event stream, so ingest and
/// the <c>parse</c> command handle both the same way. The format comes from the first bytes (the file name only
/// breaks a tie), and a CSV report's mapping from its header row (<see cref="ChooseMapping"/>).
/// </summary>
public static class DenialFileReader
{
    /// <summary>How much of the file is looked at before reading it (the header row of a report must fit in it).</summary>
    public const int SniffBytes = 64 * 1024;

    // Segments an 835 can start with: the envelope, or the transaction itself when a file has no envelope.
    private static readonly HashSet<string> X12StartSegments = new(StringComparer.Ordinal)
        { "ISA", "GS", "ST", "BPR", "TRN", "CUR", "REF", "DTM", "N1", "N3", "N4", "PER", "LX", "TS3", "TS2", "CLP", "CAS", "NM1", "SVC", "PLB", "SE", "GE", "IEA" };

    /// <summary>
    /// The format of a file from its first bytes (after an optional UTF-8 BOM and whitespace): <c>ISA</c>, or an X12
    /// segment id followed by a separator that is not a letter, digit or space, is an 835. Otherwise a name ending
    /// in .csv or .txt, or a first line holding the delimiter of a known mapping, makes it a CSV report; anything else
    /// is read as an 835 (whose reader then says what is wrong with it).
    /// </summary>
    public static DenialFileFormat Detect(ReadOnlySpan<byte> start, string? fileName, IEnumerable<char> delimiters)
    {
        if (IsX12(start)) return DenialFileFormat.X12_835;
        var name = fileName ?? "";
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            return DenialFileFormat.CsvReport;
        var text = SkipBomAndSpace(start);
        var newline = text.IndexOf((byte)'\n');
        var firstLine = newline >= 0 ? text[..newline] : text;
        foreach (var d in delimiters)
            if (d < 128 && firstLine.IndexOf((byte)d) >= 0) return DenialFileFormat.CsvReport;
        return DenialFileFormat.X12_835;
    }

    /// <summary>Whether the first bytes are plainly X12: <c>ISA</c>, or a segment id an 835 can start with and then a separator.</summary>
    public static bool IsX12(ReadOnlySpan<byte> start)
    {
        var text = SkipBomAndSpace(start);
        if (text.StartsWith("ISA"u8)) return true;
        var id = 0;
        while (id < text.Length && id < 3 && (IsUpper(text[id]) || (id > 0 && IsDigit(text[id])))) id++;
        // The element separator: any byte but a letter, a digit or white space (a header cell "ST" is followed by its delimiter,
        // which is why only segment ids an 835 can start with count).
        return id >= 2 && id < text.Length && !IsUpper(text[id]) && !IsDigit(text[id]) && !char.IsAsciiLetterLower((char)text[id])
            && text[id] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') && X12StartSegments.Contains(Encoding.ASCII.GetString(text[..id]));

        static bool IsUpper(byte b) => b is >= (byte)'A' and <= (byte)'Z';
        static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> text)
    {
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        while (text.Length > 0 && text[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') text = text[1..];
        return text;
    }

    /// <summary>
    /// The mapping for a report whose text begins with <paramref name="reportStart"/>: of the mappings whose required
    /// columns are all in the header row (read with each mapping's delimiter; names trimmed, case ignored), the one
    /// with the most of its columns there; on a tie the earlier in <paramref name="mappings"/> (imported before shipped).
    /// None fits: the closest is the one with the most required columns there, then the most columns.
    /// </summary>
    public static CsvMappingChoice ChooseMapping(string reportStart, IReadOnlyList<CsvDenialMapping> mappings)
    {
        var headers = new Dictionary<char, HashSet<string>>();
        (CsvDenialMapping Mapping, int Score)? best = null;
        (CsvDenialMapping Mapping, int Required, int Score, List<string> Missing)? closest = null;
        foreach (var m in mappings)
        {
            if (!headers.TryGetValue(m.Delimiter, out var header))
                headers[m.Delimiter] = header = CsvDenialReportReader.HeaderCells(reportStart, m.Delimiter).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var required = m.RequiredColumns();
            var missing = required.Where(c => !header.Contains(c.Column)).Select(c => c.Column).ToList();
            var score = m.MappedColumns().Count(c => header.Contains(c.Column));
            if (missing.Count == 0)
            {
                if (best is null || score > best.Value.Score) best = (m, score);
                continue;
            }
            var present = required.Count - missing.Count;
            if (closest is null || present > closest.Value.Required || (present == closest.Value.Required && score > closest.Value.Score))
                closest = (m, present, score, missing);
        }
        return best is { } b
            ? new CsvMappingChoice(b.Mapping, null, [])
            : new CsvMappingChoice(null, closest?.Mapping, closest?.Missing ?? []) { NoHeader = headers.Count > 0 && headers.Values.All(h => h.Count == 0) };
    }

    /// <summary>
    /// Opens a dropped file: looks at its first <see cref="SniffBytes"/> bytes, then reads it from the start (those bytes
    /// are replayed, the rest streamed). <paramref name="mappings"/> is asked only when the file is not plainly an 835.
    /// </summary>
    public static Task<DenialFileRead> OpenAsync(Stream stream, string? fileName,
        Func<CancellationToken, Task<IReadOnlyList<CsvDenialMapping>>> mappings, CancellationToken cancellationToken = default) =>
        OpenAsync(stream, fileName, mappings, Remittance835ReadOptions.Full, cancellationToken);

    /// <summary>The same, reading an 835 with <paramref name="x12Options"/> (what of it the caller needs built).</summary>
    public static async Task<DenialFileRead> OpenAsync(Stream stream, string? fileName,
        Func<CancellationToken, Task<IReadOnlyList<CsvDenialMapping>>> mappings, Remittance835ReadOptions x12Options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[SniffBytes];
        var length = 0;
        int n;
        while (length < prefix.Length && (n = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0) length += n;
        var replay = new ReplayStream(prefix, length, stream);

        // An 835 is known from its first bytes: the mappings (a table read) are looked up only for what may be a report.
        if (IsX12(prefix.AsSpan(0, length))) return new DenialFileRead(DenialFileFormat.X12_835, null, null, Remittance835Reader.ReadAsync(replay, x12Options, cancellationToken));
        var known = await mappings(cancellationToken).ConfigureAwait(false);
        if (Detect(prefix.AsSpan(0, length), fileName, known.Select(m => m.Delimiter).Distinct()) == DenialFileFormat.X12_835)
            return new DenialFileRead(DenialFileFormat.X12_835, null, null, Remittance835Reader.ReadAsync(replay, x12Options, cancellationToken));

        var choice = ChooseMapping(Encoding.UTF8.GetString(prefix, 0, length), known);
        if (choice.Mapping is null) return new DenialFileRead(DenialFileFormat.CsvReport, null, choice.Failure(), Empty());
        return new DenialFileRead(DenialFileFormat.CsvReport, choice.Mapping, null, CsvDenialReportReader.ReadEventsAsync(replay, choice.Mapping, cancellationToken));
    }

#pragma warning disable CS1998 // an empty stream of events
    private static async IAsyncEnumerable<RemittanceEvent> Empty()
    {
        yield break;
    }
#pragma warning restore CS1998

    /// <summary>The bytes already read, then the rest of the stream: the file read once, from its first byte.</summary>
    private sealed class ReplayStream(byte[] prefix, int length, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < length) return FromPrefix(buffer);
            return rest.Read(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _position < length ? ValueTask.FromResult(FromPrefix(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

        private int FromPrefix(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, length - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
