using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace DenialPipeline.Letters;

/// <summary>The letter's HTML as blocks of styled runs: headings, paragraphs, list items and tables (scripts and styles dropped).</summary>
internal sealed class PdfHtmlBlocks
{
    private readonly List<PdfBlock> _blocks = [];
    private List<PdfRun> _runs = [];

    public static List<PdfBlock> Parse(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var walker = new PdfHtmlBlocks();
        walker.Walk(document.Body!, bold: false, italic: false, listDepth: 0);
        walker.Flush(PdfBlockKind.Paragraph);
        return walker._blocks;
    }

    private void Flush(PdfBlockKind kind, string? prefix = null, int indent = 0)
    {
        if (_runs.Any(r => r.LineBreak || r.Text.Trim().Length > 0))
        {
            _blocks.Add(new PdfBlock(kind, TrimBreaks(_runs), prefix, indent));
        }

        _runs = [];
    }

    private static List<PdfRun> TrimBreaks(List<PdfRun> runs)
    {
        var list = runs.ToList();
        while (list.Count > 0 && list[^1].LineBreak)
        {
            list.RemoveAt(list.Count - 1);
        }

        return list;
    }

    private void Walk(INode node, bool bold, bool italic, int listDepth)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                _runs.Add(new PdfRun(text.Data, bold, italic));
            }
            else if (child is IElement element)
            {
                WalkElement(element, bold, italic, listDepth);
            }
        }
    }

    private void WalkElement(IElement element, bool bold, bool italic, int listDepth)
    {
        switch (element.LocalName)
        {
            case "script" or "style" or "template" or "head":
                break;
            case "br":
                _runs.Add(new PdfRun("", bold, italic, LineBreak: true));
                break;
            case "h1":
                Block(element, PdfBlockKind.Heading1, bold: true, italic, listDepth);
                break;
            case "h2" or "h3" or "h4" or "h5" or "h6":
                Block(element, PdfBlockKind.Heading2, bold: true, italic, listDepth);
                break;
            case "ul" or "ol":
                List(element, bold, italic, listDepth);
                break;
            case "table":
                Flush(PdfBlockKind.Paragraph);
                _blocks.Add(new PdfBlock(PdfBlockKind.Table, [], Rows: Rows(element)));
                break;
            case "strong" or "b":
                Walk(element, bold: true, italic, listDepth);
                break;
            case "em" or "i":
                Walk(element, bold, italic: true, listDepth);
                break;
            case "p" or "div" or "header" or "footer" or "article" or "section" or "address" or "blockquote" or "li" or "hr":
                Block(element, PdfBlockKind.Paragraph, bold, italic, listDepth);
                break;
            default:
                Walk(element, bold, italic, listDepth);
                break;
        }
    }

    /// <summary>An element that starts and ends a block of its own (whatever came before is a paragraph).</summary>
    private void Block(IElement element, PdfBlockKind kind, bool bold, bool italic, int listDepth)
    {
        Flush(PdfBlockKind.Paragraph);
        Walk(element, bold, italic, listDepth);
        Flush(kind);
    }

    private void List(IElement list, bool bold, bool italic, int listDepth)
    {
        Flush(PdfBlockKind.Paragraph);
        var number = 1;
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            Walk(item, bold, italic, listDepth + 1);
            var prefix = list.LocalName == "ol" ? $"{number++.ToString(CultureInfo.InvariantCulture)}." : "•";
            Flush(PdfBlockKind.ListItem, prefix, listDepth + 1);
        }
    }

    private static List<IReadOnlyList<PdfCell>> Rows(IElement table) =>
        table.QuerySelectorAll("tr")
            .Where(tr => tr.Closest("table") == table)
            .Select(tr => (IReadOnlyList<PdfCell>)tr.Children
                .Where(c => c.LocalName is "td" or "th")
                .Select(Cell)
                .ToList())
            .Where(row => row.Count > 0)
            .ToList();

    private static PdfCell Cell(IElement cell)
    {
        var inner = new PdfHtmlBlocks();
        inner.Walk(cell, bold: cell.LocalName == "th", italic: false, listDepth: 0);
        var runs = inner._blocks.SelectMany(b => b.Runs.Append(new PdfRun("", false, false, LineBreak: true))).Concat(inner._runs).ToList();
        return new PdfCell(TrimBreaks(runs), cell.LocalName == "th");
    }
}
