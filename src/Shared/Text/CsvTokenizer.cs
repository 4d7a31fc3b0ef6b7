using System.Text;

namespace DenialPipeline.Text;

/// <summary>
/// RFC 4180 records from text fed in chunks (so a report is never one string), each with the 1-based physical row it
/// starts on. A quote opens a quoted cell only at the cell's start; inside it a doubled quote is a quote and line breaks
/// belong to the cell (and count as rows).
/// </summary>
internal sealed class CsvTokenizer(char delimiter)
{
    private readonly Queue<(long Row, List<string> Cells)> _ready = new();
    private readonly StringBuilder _sb = new();
    private List<string> _cells = [];
    private long _row = 1, _startRow = 1;
    private bool _inQuotes, _quotePending, _crPending, _any;

    public bool TryTake(out (long Row, List<string> Cells) record) => _ready.TryDequeue(out record);

    public void Feed(ReadOnlySpan<char> text)
    {
        foreach (var ch in text) Step(ch);
    }

    private void Step(char c)
    {
        if (_crPending)
        {
            _crPending = false;
            if (c == '\n') return; // the \n of a \r\n: the \r ended the record
        }
        _any = true;
        if (_quotePending)
        {
            _quotePending = false;
            if (c == '"') { _sb.Append('"'); return; }
            _inQuotes = false; // the quote closed the cell; c is read outside quotes
        }
        else if (_inQuotes)
        {
            if (c == '"') { _quotePending = true; return; }
            if (c == '\n') _row++;
            _sb.Append(c);
            return;
        }
        if (c == '"' && _sb.Length == 0) { _inQuotes = true; return; }
        if (c == delimiter) { _cells.Add(_sb.ToString()); _sb.Clear(); return; }
        if (c == '\r') { _crPending = true; EndRecord(); return; }
        if (c == '\n') { EndRecord(); return; }
        _sb.Append(c);
    }

    private void EndRecord()
    {
        _cells.Add(_sb.ToString());
        _sb.Clear();
        _ready.Enqueue((_startRow, _cells));
        _cells = [];
        _any = false;
        _row++;
        _startRow = _row;
    }

    /// <summary>The end of the text: queues the last record (one without a final line break).</summary>
    /// <returns>The row a quoted cell opened on that was never closed; null when every quote was closed.</returns>
    public long? Finish()
    {
        if (_quotePending) { _quotePending = false; _inQuotes = false; }
        long? unclosed = _inQuotes ? _startRow : null;
        if (_any || _sb.Length > 0 || _cells.Count > 0)
        {
            _cells.Add(_sb.ToString());
            _sb.Clear();
            _ready.Enqueue((_startRow, _cells));
            _cells = [];
            _any = false;
        }
        return unclosed;
    }
}
