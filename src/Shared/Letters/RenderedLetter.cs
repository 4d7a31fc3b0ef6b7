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
