using DenialPipeline.Mail;
using DenialPipeline.Delivery;
using DenialPipeline.Letters;
using DenialPipeline.Review;

namespace DenialPipeline.Tests.Review;

public sealed class LetterFieldsTests
{
    private const string Draft =
        "<article class=\"letter\"><p>Medicare number: <span class=\"needs-input\" data-field=\"patient.memberId\">[needs input: Medicare number]</span></p>" +
        "<p>Signed: <span class=\"needs-input\" data-field=\"signature.name\">[needs input: signer]</span></p></article>";

    [Fact]
    public void Fill_ReplacesMarkersWithEncodedText_AndReportsWhatIsLeft()
    {
        var (html, unknown) = LetterFields.Fill(Draft, new Dictionary<string, string> { ["patient.memberId"] = "1EG4<b>TE5</b>MK72" });
        Assert.Empty(unknown);
        Assert.Contains("1EG4&lt;b&gt;TE5&lt;/b&gt;MK72", html);
        Assert.DoesNotContain("patient.memberId", html);
        Assert.Equal(["signature.name"], LetterFields.Missing(html));
        Assert.Equal(["patient.memberId", "signature.name"], LetterFields.Missing(Draft));
    }

    [Fact]
    public void Fill_UnknownField_IsReported()
    {
        var (_, unknown) = LetterFields.Fill(Draft, new Dictionary<string, string> { ["claim.icn"] = "x" });
        Assert.Equal(["claim.icn"], unknown);
    }

    [Fact]
    public void Sanitize_ThenFill_KeepsMarkers()
    {
        var clean = LetterSanitizer.Sanitize(Draft + "<script>x()</script>");
        Assert.DoesNotContain("<script", clean);
        Assert.Equal(2, LetterFields.Missing(clean).Count);
    }

    [Theory]
    [InlineData(false, "15202", false)]
    [InlineData(true, "15202", true)]
    [InlineData(true, "87726", false)]
    [InlineData(true, null, false)]
    public void PdfAttachment_NeedsBothOptIns(bool allow, string? payer, bool expected)
    {
        var options = new DeliveryOptions { AllowPhiAttachments = allow, PhiAttachmentPayers = ["15202"] };
        Assert.Equal(expected, options.AllowsAttachmentFor(payer));
    }
}
