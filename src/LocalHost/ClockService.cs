using DenialPipeline.Metrics;
using DenialPipeline.Resolution;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.LocalHost;

/// <summary>
/// The local host's timers: DeadlineSweep and MetricsRollup on the same schedules (<see cref="Clocks"/>) as the
/// Functions app's TimerTriggers, counted on the injected <see cref="TimeProvider"/> (a fake one in tests).
/// A failed run is logged and the next occurrence runs as usual.
/// </summary>
public sealed partial class ClockService(DeadlineSweep sweep, MetricsRollup rollup, TimeProvider time, ILogger<ClockService> logger) : BackgroundService
{
    // The schedule counts from when the host started, not from when the background loop first ran (since .NET 10 the
    // loop starts on a pool thread, possibly after an occurrence was due: it would have waited a whole day for 06:00).
    private DateTimeOffset _startedAt;

    /// <summary>
    /// Called with the job's name each time its loop has armed the timer for the next occurrence. Tests on a fake clock
    /// wait for it before moving the clock: a loop that read the time before the clock moved and armed its timer after
    /// would count the wait from the moved clock and miss the occurrence (seen under load in CI).
    /// </summary>
    public Action<string>? Armed { get; set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _startedAt = time.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RunOnScheduleAsync(nameof(DeadlineSweep), Clocks.DeadlineSweep, ct => sweep.RunAsync(ct), stoppingToken),
        RunOnScheduleAsync(nameof(MetricsRollup), Clocks.MetricsRollup, ct => rollup.RunAsync(ct), stoppingToken));

    private async Task RunOnScheduleAsync(string name, string cron, Func<CancellationToken, Task> job, CancellationToken stoppingToken)
    {
        var after = _startedAt;
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = Clocks.Next(cron, after);
            var now = time.GetUtcNow();
            // Far behind (the machine slept through several occurrences): one run now, then on schedule from now.
            after = Clocks.Next(cron, next) <= now ? now : next;
            try
            {
                if (next > now)
                {
                    var wait = Task.Delay(next - now, time, stoppingToken);
                    Armed?.Invoke(name);
                    await wait;
                }
                LogRunning(logger, name);
                await job(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or InvalidOperationException)
            {
                LogFailed(logger, name, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 9500, Level = LogLevel.Information, Message = "Clock: running {Name}")]
    private static partial void LogRunning(ILogger logger, string name);

    [LoggerMessage(EventId = 9501, Level = LogLevel.Warning, Message = "Clock: {Name} failed ({Error}); the next occurrence runs as scheduled")]
    private static partial void LogFailed(ILogger logger, string name, string error);
}
