namespace DenialPipeline.Letters;

/// <summary>A drafted letter: HTML for the coder to review, plus what is still missing.</summary>
public sealed record RenderedLetter
{
    public required LetterType Type { get; init; }

    /// <summary>Plain text (no markup). May contain "[needs input: …]" text for missing fields.</summary>
    public required string Subject { get; init; }

    /// <summary>An HTML fragment (<c>&lt;article class="letter"&gt;…</c>), every value encoded.</summary>
    public required string Html { get; init; }

    /// <summary>Fields the template used that had no value, in order of first use; each has a marker in <see cref="Html"/>.</summary>
    public required IReadOnlyList<MissingField> MissingFields { get; init; }

    public required LetterRecipient Recipient { get; init; }

    /// <summary>Which template produced the letter, e.g. "embedded:payers/MEDICARE-JL/MedicareRedetermination".</summary>
    public required string TemplateSource { get; init; }

    public bool IsComplete => MissingFields.Count == 0;
}

/// <param name="Path">Field path in the context, e.g. <c>patient.memberId</c> or <c>serviceLines[0].procedureCode</c>.</param>
/// <param name="Label">What a coder reads, e.g. "Medicare number".</param>
public sealed record MissingField(string Path, string Label);

public enum RecipientKind
{
    Payer,
    Provider,
}

public enum DeliveryChannel
{
    /// <summary>No address, fax, portal or email is known: a coder must supply one.</summary>
    Unknown,
    Portal,
    Fax,
    Mail,
    Email,
}

/// <param name="Address">Portal URL, fax number, postal address (lines joined by newlines) or email.</param>
public sealed record LetterRecipient(RecipientKind Kind, string? Name, DeliveryChannel Channel, string? Address);
