namespace DenialPipeline.Letters;

/// <summary>A RARC with its text.</summary>
public sealed record RemarkInfo(string Code, string? Text);
