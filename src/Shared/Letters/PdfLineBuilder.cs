namespace DenialPipeline.Letters;

/// <summary>Collects segments into lines while a block is wrapped: where the current line ends, and the lines so far.</summary>
internal sealed class PdfLineBuilder(double height)
{
    private readonly List<PdfLine> _lines = [];
    private List<PdfSegment> _segments = [];

    /// <summary>Where the next text on the current line starts.</summary>
    public double X { get; private set; }

    public bool HasSegments => _segments.Count > 0;

    public void Break()
    {
        _lines.Add(new PdfLine(_segments, height));
        _segments = [];
        X = 0;
    }

    /// <summary>A piece of a word cut to fit: a segment of its own.</summary>
    public void AddPiece(PdfSegment segment) => _segments.Add(segment);

    /// <summary>
    /// A word after <paramref name="space"/> points of space. Words in the same font on one line are drawn as one string:
    /// fewer operators, plain extraction.
    /// </summary>
    public void AddWord(string word, PdfSharp.Drawing.XFont font, double space, double width)
    {
        if (_segments.Count > 0 && ReferenceEquals(_segments[^1].Font, font))
        {
            _segments[^1] = _segments[^1] with { Text = _segments[^1].Text + (space > 0 ? " " : "") + word };
        }
        else
        {
            _segments.Add(new PdfSegment(word, font, X + space));
        }

        X += space + width;
    }

    public List<PdfLine> Finish()
    {
        if (_segments.Count > 0 || _lines.Count == 0)
        {
            _lines.Add(new PdfLine(_segments, height));
        }

        return _lines;
    }
}
