using Ganss.Xss;

namespace DenialPipeline.Letters;

/// <summary>
/// Cleans letter HTML that a coder edited before it is stored, shown or turned into a PDF: keeps basic
/// formatting (paragraphs, headings, lists, tables, bold/italic/underline, line breaks, http/https/mailto
/// links, the needs-input markers), drops script, style, event handlers, inline CSS and javascript: URLs.
/// </summary>
public static class LetterSanitizer
{
    private static readonly string[] Tags =
    [
        "article", "header", "footer", "section", "div", "p", "br", "hr", "span", "blockquote", "address",
        "h1", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
        "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a",
    ];

    private static readonly string[] Attributes =
        ["class", "data-field", "data-letter-type", "colspan", "rowspan", "href", "title"];

    public static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);

        // A new sanitizer per call: its option sets are mutable, so none is shared between threads.
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowDataAttributes = false,
        });
        return sanitizer.Sanitize(html);
    }
}
