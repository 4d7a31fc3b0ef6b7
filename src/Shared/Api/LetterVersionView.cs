namespace DenialPipeline.Api;

public sealed record LetterVersionView(int Version, DateTimeOffset At, string? EditedBy, bool Current);
