namespace DenialPipeline.Letters;

public enum RecipientKind
{
    Payer,
    Provider,
}
