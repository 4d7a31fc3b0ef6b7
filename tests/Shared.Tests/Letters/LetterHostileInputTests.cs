using System.Text.RegularExpressions;
using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

public sealed class LetterHostileInputTests
{
    private readonly LetterRenderer _renderer = new();

    private static LetterContext WithPatientName(string name)
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        return full with { Patient = full.Patient! with { Name = name } };
    }

    [Fact]
    public void Render_ScriptInValue_IsEncoded()
    {
        var letter = _renderer.Render(LetterType.Appeal, WithPatientName("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", letter.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", letter.Subject, StringComparison.Ordinal); // subject is plain text
    }

    [Theory]
    [InlineData("{{ 7*7 }}")]
    [InlineData("{{ patient.memberId }}")]
    [InlineData("{% raw %}x{% endraw %}")]
    [InlineData("{% include '_signature' %}")]
    [InlineData("{% for i in (1..3) %}loop{% endfor %}")]
    public void Render_LiquidInValue_IsNotEvaluated(string value)
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        var context = full with
        {
            Patient = full.Patient! with { Name = value },
            Evidence = [value],
            DenialReasons = [full.DenialReasons[0] with { Rebuttal = value }],
        };

        var letter = _renderer.Render(LetterType.Appeal, context);

        var encoded = System.Net.WebUtility.HtmlEncode(value).Replace("&#39;", "&#x27;", StringComparison.Ordinal);
        Assert.True(Regex.Matches(letter.Html, Regex.Escape(encoded)).Count >= 3, $"expected the literal text '{encoded}' three times in:\n{letter.Html}");
        Assert.DoesNotContain(">49<", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("looplooploop", letter.Html, StringComparison.Ordinal);
        Assert.Empty(letter.MissingFields);
    }

    [Theory]
    [InlineData("张伟")]
    [InlineData("Ñúñez")]
    [InlineData("Σωκράτης")]
    [InlineData("Zoë O'Brien-Łukasz")]
    public void Render_NonLatinName_IsIntactInHtml(string name)
    {
        var letter = _renderer.Render(LetterType.Appeal, WithPatientName(name));

        Assert.Contains(name.Replace("'", "&#x27;", StringComparison.Ordinal), letter.Html, StringComparison.Ordinal);
        Assert.Contains(name, letter.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ñúñez")]
    [InlineData("Σωκράτης")]
    [InlineData("Zoë Łukasz")]
    public void RenderPdf_NameTheFontCovers_IsIntactInPdfText(string name)
    {
        var letter = _renderer.Render(LetterType.Appeal, WithPatientName(name));

        Assert.Empty(LetterPdf.UnsupportedCharacters(letter));
        Assert.Contains(name, PdfText.All(LetterPdf.Render(letter)), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderPdf_ChineseName_IsReportedAndPrintedAsQuestionMarks()
    {
        // Documented limit: DejaVu Sans has no CJK glyphs. The HTML keeps the name; the PDF prints "??"
        // and UnsupportedCharacters tells the caller (the coder sees the name in the HTML draft).
        var letter = _renderer.Render(LetterType.Appeal, WithPatientName("张伟"));

        Assert.Equal(["张", "伟"], LetterPdf.UnsupportedCharacters(letter));
        var text = PdfText.All(LetterPdf.Render(letter));
        Assert.DoesNotContain("张", text, StringComparison.Ordinal);
        Assert.Contains("??", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_VeryLongName_IsKeptWholeInHtmlAndWrappedInPdf()
    {
        var name = string.Concat(Enumerable.Repeat("Abcdefghij", 500)); // 5,000 characters, no spaces
        var letter = _renderer.Render(LetterType.Appeal, WithPatientName(name));

        Assert.Contains(name, letter.Html, StringComparison.Ordinal);
        var pages = PdfText.Pages(LetterPdf.Render(letter));
        Assert.True(pages.Count >= 2, "a 5,000-character name should push the letter onto more pages");
        var body = pages.SelectMany(page => page.Split('\n').Where(line => !Regex.IsMatch(line, @"^Page \d+ of \d+$")));
        var printed = string.Concat(string.Concat(body).Where(char.IsLetter));
        Assert.Contains(name, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderPdf_EmptyContext_ShowsMarkers()
    {
        var letter = _renderer.Render(LetterType.MedicareRedetermination, LetterFixtures.Empty());

        var text = PdfText.All(LetterPdf.Render(letter));

        Assert.Contains("[needs input: Medicare number (MBI)]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.OrdinalIgnoreCase);
    }
}
