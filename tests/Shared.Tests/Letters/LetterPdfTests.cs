using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

public sealed class LetterPdfTests
{
    private readonly LetterRenderer _renderer = new();

    [Fact]
    public void Render_MedicareRedetermination_TextCanBeExtractedWithKeyFacts()
    {
        var letter = _renderer.Render(LetterType.MedicareRedetermination, LetterFixtures.Full(LetterType.MedicareRedetermination));

        var pdf = LetterPdf.Render(letter);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var text = PdfText.All(pdf);
        Assert.Contains("Request for Redetermination", text, StringComparison.Ordinal);
        Assert.Contains("Maria Ñúñez", text, StringComparison.Ordinal);
        Assert.Contains("1EG4-TE5-MK73", text, StringComparison.Ordinal);
        Assert.Contains("22026300123456", text, StringComparison.Ordinal);
        Assert.Contains("08/04/2026", text, StringComparison.Ordinal);
        Assert.Contains("$1,250.00", text, StringComparison.Ordinal);
        Assert.Contains("CO-50", text, StringComparison.Ordinal);
        Assert.Contains("Jordan Lee, CPC", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of", text, StringComparison.Ordinal);
    }

    /// <summary>Set LETTERS_SAMPLE_DIR to a folder to write every letter type as PDF for a visual check.</summary>
    [Fact]
    public void Render_EveryType_ProducesAPdf()
    {
        var sampleDir = Environment.GetEnvironmentVariable("LETTERS_SAMPLE_DIR");
        foreach (var type in LetterFixtures.AllTypes)
        {
            var pdf = LetterPdf.Render(_renderer.Render(type, LetterFixtures.Full(type)));
            Assert.Contains("Page 1 of", PdfText.All(pdf), StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(sampleDir))
            {
                File.WriteAllBytes(Path.Combine(sampleDir, $"{type}.pdf"), pdf);
            }
        }
    }

    [Fact]
    public void Render_CoderEditedHtml_SanitizedThenPrinted()
    {
        var letter = _renderer.Render(LetterType.Appeal, LetterFixtures.Full(LetterType.Appeal));
        var edited = letter.Html.Replace("</article>", "<p>Added by coder <strong>today</strong>.</p><script>alert(1)</script><style>p{}</style></article>", StringComparison.Ordinal);

        var pdf = LetterPdf.Render(letter with { Html = LetterSanitizer.Sanitize(edited) });

        var text = PdfText.All(pdf);
        Assert.Contains("Added by coder today", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnsanitizedScript_IsNeverPrinted()
    {
        var letter = _renderer.Render(LetterType.Appeal, LetterFixtures.Full(LetterType.Appeal));

        var pdf = LetterPdf.Render(letter with { Html = "<p>Hello</p><script>alert(1)</script><style>p{color:red}</style>" });

        var text = PdfText.All(pdf);
        Assert.Contains("Hello", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", text, StringComparison.Ordinal);
        Assert.DoesNotContain("color", text, StringComparison.Ordinal);
    }
}
