namespace DenialPipeline.Research.Records;

/// <summary>Header text compared without case, quotes, '_', '-' or spaces, so "payer_id", "Payer ID" and "payerId" agree.</summary>
internal static class ImporterText
{
    public static string Normalize(string text) => string.Concat(text.Where(c => c is not ('_' or '-' or ' ' or '"'))).ToLowerInvariant();
}
