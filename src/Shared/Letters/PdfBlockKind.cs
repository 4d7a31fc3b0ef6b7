namespace DenialPipeline.Letters;

/// <summary>What a block of the letter's HTML becomes on the page.</summary>
internal enum PdfBlockKind
{
    Paragraph,
    Heading1,
    Heading2,
    ListItem,
    Table,
}
