using AngleSharp.Html.Parser;

namespace DenialPipeline.Review;

/// <summary>
/// The "needs input" markers a drafted letter carries (<c>&lt;span class="needs-input" data-field="patient.memberId"&gt;</c>):
/// fills them with values a coder typed (as text, never markup) and lists the ones still open.
/// </summary>
public static class LetterFields
{
    private const string MarkerSelector = "span.needs-input[data-field]";

    /// <summary>Replaces each marker of a given field with its value as plain text. Unknown field paths are returned.</summary>
    public static (string Html, IReadOnlyList<string> Unknown) Fill(string html, IReadOnlyDictionary<string, string> values)
    {
        var doc = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var markers = doc.QuerySelectorAll(MarkerSelector).ToList();
        var unknown = values.Keys.Where(k => !markers.Any(m => m.GetAttribute("data-field") == k)).ToList();
        foreach (var marker in markers)
        {
            if (marker.GetAttribute("data-field") is { } path && values.TryGetValue(path, out var value))
                marker.Replace(doc.CreateTextNode(value));
        }
        return (doc.Body!.InnerHtml, unknown);
    }

    /// <summary>Field paths whose markers are still in the letter, in order of first appearance.</summary>
    public static IReadOnlyList<string> Missing(string html)
    {
        var doc = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        return doc.QuerySelectorAll(MarkerSelector).Select(m => m.GetAttribute("data-field")!).Distinct().ToList();
    }
}
