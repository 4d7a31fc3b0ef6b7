namespace DenialPipeline.Letters;

/// <summary>One stored version of a letter.</summary>
public sealed record LetterVersionInfo(int Version, DateTimeOffset At, string? EditedBy);
