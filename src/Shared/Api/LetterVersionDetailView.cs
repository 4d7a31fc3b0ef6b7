namespace DenialPipeline.Api;

public sealed record LetterVersionDetailView(int Version, DateTimeOffset? At, string? EditedBy, bool Current, string Html);
