using System.ComponentModel.DataAnnotations;

namespace DenialPipeline.ClaimCheck.Learned;

/// <summary>Settings section "ClaimCheck:Learning": the history window and what makes a pattern count.</summary>
public sealed class LearningOptions
{
    public const string Section = "ClaimCheck:Learning";

    /// <summary>Months of history before the check date (by date of service).</summary>
    [Range(1, 60)] public int WindowMonths { get; set; } = 12;
    /// <summary>Fewest claims a pattern needs before it is trusted.</summary>
    [Range(1, 10_000)] public int MinSupport { get; set; } = 5;
    /// <summary>Denial rate from which a pattern is flagged.</summary>
    [Range(0.01, 1.0)] public double MinDenialRate { get; set; } = 0.5;
}
