using DenialPipeline.Letters;

namespace DenialPipeline.Api;

public sealed record LetterDetailView(LetterSummaryView Letter, string? Html, IReadOnlyList<MissingField> MissingFields);
