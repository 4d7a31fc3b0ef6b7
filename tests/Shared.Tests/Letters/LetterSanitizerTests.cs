using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

public sealed class LetterSanitizerTests
{
    [Fact]
    public void Sanitize_Script_IsRemoved()
    {
        var clean = LetterSanitizer.Sanitize("<p>Dear reviewer,</p><script>alert(1)</script><p>Thanks</p>");

        Assert.DoesNotContain("<script", clean, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", clean, StringComparison.Ordinal);
        Assert.Contains("<p>Dear reviewer,</p>", clean, StringComparison.Ordinal);
        Assert.Contains("<p>Thanks</p>", clean, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p onclick=\"steal()\">x</p>", "onclick")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "javascript:")]
    [InlineData("<style>body{display:none}</style><p>x</p>", "<style")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>", "style=")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<iframe src=\"https://example.com\"></iframe>", "<iframe")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<script")]
    public void Sanitize_DangerousMarkup_IsDropped(string html, string forbidden) =>
        Assert.DoesNotContain(forbidden, LetterSanitizer.Sanitize(html), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Sanitize_BasicFormatting_IsKept()
    {
        const string html = "<h2>Reason</h2><p><strong>CO-50</strong> <em>not</em> <u>applicable</u><br>next</p>" +
                            "<ul><li>one</li></ul><ol><li>two</li></ol><table><tbody><tr><th>Claim</th><td colspan=\"2\">123</td></tr></tbody></table>" +
                            "<p><a href=\"https://payer.example/appeals\">portal</a></p>";

        Assert.Equal(html, LetterSanitizer.Sanitize(html));
    }

    [Fact]
    public void Sanitize_RenderedLetter_IsUnchanged()
    {
        var letter = new LetterRenderer().Render(LetterType.Appeal, LetterFixtures.Empty());

        var clean = LetterSanitizer.Sanitize(letter.Html);

        Assert.Contains("<span class=\"needs-input\" data-field=\"patient.name\">", clean, StringComparison.Ordinal);
        Assert.Contains("<article class=\"letter\" data-letter-type=\"Appeal\">", clean, StringComparison.Ordinal);
    }
}
