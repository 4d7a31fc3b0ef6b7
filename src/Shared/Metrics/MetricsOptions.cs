using System.ComponentModel.DataAnnotations;

namespace DenialPipeline.Metrics;

/// <summary>Settings section "Metrics": how the rollup reads.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Requests the rollup keeps in flight while it reads what it last applied for each changed source (and a case's
    /// history when its metrics need it). 16 at 5–10 ms a read is 1,600–3,200 reads/s: enough to reach the `applied`
    /// partition's own target (2,000 entities/s), which is then the limit, not the rollup (docs/capacity.md, item 4).
    /// </summary>
    [Range(1, 64)] public int RollupReadParallelism { get; set; } = 16;
}
