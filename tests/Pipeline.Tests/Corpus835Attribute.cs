namespace DenialPipeline.Pipeline.Tests;

/// <summary>A theory over ../shared/corpus/x12-835: reported as skipped, not passed, when the corpus is absent.</summary>
public sealed class Corpus835TheoryAttribute : TheoryAttribute
{
    public Corpus835TheoryAttribute()
    {
        if (Corpus835.Directory is null) Skip = "../shared/corpus is absent";
    }
}
