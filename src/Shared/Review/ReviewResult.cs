using DenialPipeline.Letters;

namespace DenialPipeline.Review;

/// <summary>The answer of a letter operation (approve, reject, edit, mark submitted): the outcome and the letter as it is.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, LetterEntity? Letter, string? Message = null)
{
    /// <summary>With <see cref="ReviewOutcome.NeedsInput"/>: the fields that still need input.</summary>
    public IReadOnlyList<MissingField> MissingFields { get; init; } = [];
}
