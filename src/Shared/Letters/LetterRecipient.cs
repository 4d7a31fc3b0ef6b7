namespace DenialPipeline.Letters;

/// <param name="Address">Portal URL, fax number, postal address (lines joined by newlines) or email.</param>
public sealed record LetterRecipient(RecipientKind Kind, string? Name, DeliveryChannel Channel, string? Address);
