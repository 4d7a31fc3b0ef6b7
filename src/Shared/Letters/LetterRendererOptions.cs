namespace DenialPipeline.Letters;

public sealed record LetterRendererOptions
{
    /// <summary>
    /// Optional folder of deployment templates read at render time (no rebuild): <c>&lt;type&gt;.liquid</c>,
    /// <c>_partial.liquid</c> and <c>payers/&lt;payerId&gt;/&lt;type&gt;.liquid</c>. Edited files are picked up
    /// by their last-write time.
    /// </summary>
    public string? OverrideDirectory { get; init; }
}
