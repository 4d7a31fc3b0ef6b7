using System.Text.Encodings.Web;

namespace DenialPipeline.Letters;

internal static class LetterEncoding
{
    /// <summary>Encodes markup characters but keeps non-Latin text (张伟, Σωκράτης) readable in the HTML.</summary>
    public static HtmlEncoder Html { get; } = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}
