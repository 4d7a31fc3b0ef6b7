namespace DenialPipeline.Letters;

/// <summary>A template cannot be found, parsed or rendered. Permanent: fix the template, not the data.</summary>
public sealed class LetterTemplateException : Exception
{
    public LetterTemplateException(string message)
        : base(message)
    {
    }

    public LetterTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
