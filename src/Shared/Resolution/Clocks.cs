using System.Globalization;

namespace DenialPipeline.Resolution;

/// <summary>
/// The timers' schedules, one place for both hosts: the Functions app uses the CRON strings in its TimerTrigger
/// attributes; the local host computes the next occurrence of the same strings with <see cref="Next"/>.
/// Six-field NCRONTAB (second minute hour day month day-of-week), UTC.
/// </summary>
public static class Clocks
{
    /// <summary>DeadlineSweep: daily at 06:00 UTC.</summary>
    public const string DeadlineSweep = "0 0 6 * * *";

    /// <summary>MetricsRollup: every 5 minutes.</summary>
    public const string MetricsRollup = "0 */5 * * * *";

    /// <summary>
    /// The first time strictly after <paramref name="after"/> that matches <paramref name="cron"/>. Supports what the
    /// schedules above use: numbers, "*" and "*/n" in the second, minute and hour fields; "*" in the others.
    /// </summary>
    public static DateTimeOffset Next(string cron, DateTimeOffset after)
    {
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 6 || f[3] != "*" || f[4] != "*" || f[5] != "*")
            throw new FormatException($"Unsupported schedule '{cron}': day, month and day-of-week must be '*'.");
        var (sec, min, hour) = (Field(f[0], 60), Field(f[1], 60), Field(f[2], 24));
        var utc = after.ToUniversalTime();
        var t = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero).AddSeconds(1);
        for (var i = 0; i < 2 * 24 * 60 * 60; i++, t = t.AddSeconds(1))
        {
            if (!hour.Contains(t.Hour)) { t = t.AddSeconds(-t.Second).AddMinutes(-t.Minute).AddHours(1).AddSeconds(-1); continue; }
            if (!min.Contains(t.Minute)) { t = t.AddSeconds(-t.Second).AddMinutes(1).AddSeconds(-1); continue; }
            if (sec.Contains(t.Second)) return t;
        }
        throw new FormatException($"Schedule '{cron}' never fires.");
    }

    private static HashSet<int> Field(string field, int size)
    {
        if (field == "*") return Enumerable.Range(0, size).ToHashSet();
        if (field.StartsWith("*/", StringComparison.Ordinal) && int.TryParse(field[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step > 0)
            return Enumerable.Range(0, size).Where(v => v % step == 0).ToHashSet();
        if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v < size) return [v];
        throw new FormatException($"Unsupported schedule field '{field}'.");
    }
}
