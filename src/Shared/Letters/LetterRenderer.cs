using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fluid;

namespace DenialPipeline.Letters;

/// <summary>
/// Renders a letter from a Liquid template and a <see cref="LetterContext"/>. Thread-safe; register one
/// instance (singleton). Parsed templates are cached per instance.
/// </summary>
public sealed partial class LetterRenderer
{
    private readonly LetterTemplateSource _source;
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    public LetterRenderer(LetterRendererOptions? options = null)
    {
        _source = new LetterTemplateSource(options?.OverrideDirectory);
        _options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            StrictVariables = true,
            StrictFilters = true,
            MaxSteps = 100_000,
            MaxRecursion = 10,
        };
    }

    /// <summary>Embedded templates (for documentation and tests).</summary>
    public IEnumerable<string> EmbeddedTemplateNames => _source.EmbeddedNames;

    public RenderedLetter Render(LetterType type, LetterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var (text, source, cacheKey) = _source.Load(type.ToString(), context.Payer?.Id);
        var template = _parsed.GetOrAdd(cacheKey, _ => Parse(text, source));

        var missing = new MissingFieldCollector();
        var recipient = LetterModel.RecipientFor(type, context);
        var templateContext = new TemplateContext(_options);
        foreach (var (name, value) in LetterModel.Build(type, context, recipient, missing))
        {
            templateContext.SetValue(name, value);
        }

        string body;
        try
        {
            body = template.Render(templateContext, LetterEncoding.Html, isolateContext: false);
        }
        catch (LetterTemplateException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new LetterTemplateException($"Template '{source}' failed to render: {ex.Message}", ex);
        }

        var subjectHtml = templateContext.GetValue("subject").ToStringValue();
        var subject = PlainText(subjectHtml);
        if (subject.Length == 0)
        {
            throw new LetterTemplateException($"Template '{source}' does not capture a subject ({{% capture subject %}}…).");
        }

        var html = $"<article class=\"letter\" data-letter-type=\"{type}\">\n{body.Trim()}\n</article>\n";
        return new RenderedLetter
        {
            Type = type,
            Subject = subject,
            Html = html,
            MissingFields = missing.Fields.ToList(),
            Recipient = recipient,
            TemplateSource = source,
        };
    }

    private IFluidTemplate Parse(string text, string source) =>
        _parser.TryParse(text, out var template, out var error)
            ? template
            : throw new LetterTemplateException($"Template '{source}' does not parse: {error}");

    private static string PlainText(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, "")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
