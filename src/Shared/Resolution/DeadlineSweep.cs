using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Mail;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Resolution;

/// <summary>
/// The daily deadline clock: an open case 14, 7 or 1 days before its deadline gets a higher priority and its coder an
/// email (no PHI: a sign-in link to the case only); a case past its deadline is flagged (DeadlineMissed + a history row).
/// Each threshold fires once per case (LastReminderDays), also when a run was skipped: the nearest threshold reached wins.
/// Cases without a deadline are skipped. Only one sweep runs at a time across hosts (<see cref="StorageSingleton"/>): the
/// mail goes out before the threshold is recorded (so a failed mail is retried next run), and two concurrent sweeps would
/// otherwise both mail it.
/// </summary>
public sealed partial class DeadlineSweep(
    TableServiceClient tables, CaseStore cases, ISendGridClient mail, IOptions<DeliveryOptions> delivery, IOptions<DeadlineOptions> options,
    StorageSingleton singleton, TimeProvider time, ILogger<DeadlineSweep> logger)
{
    public const string Actor = "system:deadline-sweep";
    public static readonly int[] ReminderDays = [14, 7, 1];

    /// <summary>Priority multiplier for a reminder level (relative to the priority before any reminder).</summary>
    public static double Factor(int? reminderDays, bool missed) =>
        missed ? 3.0 : reminderDays switch { 1 => 2.0, 7 => 1.5, 14 => 1.25, _ => 1.0 };

    /// <summary>The reminder threshold reached with <paramref name="daysLeft"/> days to go (14, 7, 1), or null.</summary>
    public static int? ThresholdFor(int daysLeft) =>
        daysLeft < 0 ? null : ReminderDays.Where(t => daysLeft <= t).Select(t => (int?)t).LastOrDefault();

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var held = await singleton.TryAcquireAsync("deadline-sweep", cancellationToken);
        if (held is null)
        {
            LogAnotherSweep(logger);
            return new SweepResult(0, 0, 0, 0) { AnotherSweepRunning = true };
        }
        return await SweepAsync(cancellationToken);
    }

    private async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cutoff = today.AddDays(ReminderDays[0]).ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
        var filter = CaseEntity.CaseRowsFilter + " and " + TableClient.CreateQueryFilter($"Deadline le {cutoff}");
        int checkedCount = 0, reminded = 0, missed = 0, failures = 0;
        await foreach (var c in tables.GetTableClient(StorageNames.Tables.Cases).QueryAsync<CaseEntity>(filter, cancellationToken: cancellationToken))
        {
            if (c.Deadline is not { } deadline || CaseStatuses.IsClosed(c.StatusValue)) continue;
            checkedCount++;
            var daysLeft = DateOnly.FromDateTime(deadline).DayNumber - today.DayNumber;
            if (daysLeft < 0)
            {
                if (c.DeadlineMissed) continue;
                var (_, changed) = await cases.ChangeAsync(c.CaseId, x =>
                {
                    if (x.DeadlineMissed || CaseStatuses.IsClosed(x.StatusValue)) return null;
                    x.Priority = Math.Round(x.Priority / Factor(x.LastReminderDays, false) * Factor(null, true), 2);
                    x.DeadlineMissed = true;
                    x.DeadlineMissedAt = now;
                    return new CaseChange("DeadlineMissed", null, Actor, $"The deadline {DateOnly.FromDateTime(deadline):yyyy-MM-dd} passed with the case still open; priority raised.");
                }, cancellationToken);
                if (changed)
                {
                    missed++;
                    LogMissed(logger, c.CaseId);
                }
                continue;
            }
            if (ThresholdFor(daysLeft) is not { } threshold || c.LastReminderDays <= threshold) continue;

            // Mail first: if it fails the threshold is not recorded and tomorrow's run tries again.
            var recipient = Recipient(c.AssignedTo);
            if (!await NotifyAsync(c.CaseId, recipient.Email, cancellationToken))
            {
                failures++;
                continue;
            }
            var (_, saved) = await cases.ChangeAsync(c.CaseId, x =>
            {
                if (x.LastReminderDays <= threshold || CaseStatuses.IsClosed(x.StatusValue)) return null;
                x.Priority = Math.Round(x.Priority / Factor(x.LastReminderDays, x.DeadlineMissed) * Factor(threshold, x.DeadlineMissed), 2);
                x.LastReminderDays = threshold;
                return new CaseChange("DeadlineReminder", null, Actor,
                    $"{daysLeft} day(s) before the deadline ({threshold}-day reminder): priority raised; {recipient.Who} notified by email.");
            }, cancellationToken);
            if (saved)
            {
                reminded++;
                LogReminded(logger, c.CaseId, threshold);
            }
        }
        LogSwept(logger, checkedCount, reminded, missed, failures);
        return new SweepResult(checkedCount, reminded, missed, failures);
    }

    private (string Email, string Who) Recipient(string? assignedTo)
    {
        var name = assignedTo is null ? null : assignedTo.StartsWith("user:", StringComparison.Ordinal) ? assignedTo[5..] : assignedTo;
        return name is { Length: > 0 } && new EmailAddressAttribute().IsValid(name)
            ? (name, "the assigned coder")
            : (options.Value.TeamEmail, "the team mailbox (no coder with an email address is assigned)");
    }

    private async Task<bool> NotifyAsync(string caseId, string to, CancellationToken cancellationToken)
    {
        var d = delivery.Value;
        var link = $"{d.PublicBaseUrl.TrimEnd('/')}/cases/{Uri.EscapeDataString(caseId)}";
        var email = MailHelper.CreateSingleEmail(new EmailAddress(d.FromEmail, d.FromName), new EmailAddress(to),
            PhiFreeReminder.Subject, PhiFreeReminder.Text(link), PhiFreeReminder.Html(link));
        email.AddCustomArg("caseId", caseId);
        try
        {
            var response = await mail.SendEmailAsync(email, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            LogMailFailed(logger, caseId, (int)response.StatusCode);
            return false;
        }
        catch (HttpRequestException)
        {
            LogMailFailed(logger, caseId, 0);
            return false;
        }
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "DeadlineSweep: case {CaseId}: {Threshold}-day reminder sent")]
    private static partial void LogReminded(ILogger logger, string caseId, int threshold);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "DeadlineSweep: case {CaseId} is past its deadline")]
    private static partial void LogMissed(ILogger logger, string caseId);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "DeadlineSweep: case {CaseId}: reminder mail failed ({Status}); tried again next run")]
    private static partial void LogMailFailed(ILogger logger, string caseId, int status);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Information, Message = "DeadlineSweep: another sweep is running (another host or the sweep command); this run does nothing")]
    private static partial void LogAnotherSweep(ILogger logger);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "DeadlineSweep: {Checked} cases near or past a deadline, {Reminded} reminded, {Missed} flagged missed, {Failures} mail failures")]
    private static partial void LogSwept(ILogger logger, int @checked, int reminded, int missed, int failures);
}
