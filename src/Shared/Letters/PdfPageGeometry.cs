namespace DenialPipeline.Letters;

/// <summary>The letter's page: US Letter in points, its margins, and the room the text may use.</summary>
internal static class PdfPageGeometry
{
    public const double PageWidth = 612;
    public const double PageHeight = 792;
    public const double Margin = 60;
    public const double FooterHeight = 24;
    public const double ContentWidth = PageWidth - (2 * Margin);
    public const double Bottom = PageHeight - Margin - FooterHeight;
    public const double LineHeight = 13;
}
