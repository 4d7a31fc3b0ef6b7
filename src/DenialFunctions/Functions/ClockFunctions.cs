using DenialPipeline.Metrics;
using DenialPipeline.Resolution;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Functions;

/// <summary>The clocks: <see cref="Clocks"/> holds the schedules both hosts use.</summary>
public sealed class ClockFunctions(DeadlineSweep sweep, MetricsRollup rollup)
{
    [Function("DeadlineSweep")]
    public async Task DeadlineSweepAsync([TimerTrigger(Clocks.DeadlineSweep)] TimerInfo timer, CancellationToken ct) => await sweep.RunAsync(ct);

    [Function("MetricsRollup")]
    public async Task MetricsRollupAsync([TimerTrigger(Clocks.MetricsRollup)] TimerInfo timer, CancellationToken ct) => await rollup.RunAsync(ct);
}
