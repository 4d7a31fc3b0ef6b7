namespace DenialPipeline.Research.Rules;

/// <summary>When the next step is due: which clock a rule's action runs on.</summary>
internal enum Clock
{
    None,
    Appeal,
    TimelyFiling,
    OtherPayerFiling,
}
