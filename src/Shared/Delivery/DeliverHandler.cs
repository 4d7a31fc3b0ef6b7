using DenialPipeline.Mail;
using DenialPipeline.Pipeline;
using System.Net;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Delivery;

/// <summary>
/// Stage 4 (queue <c>letters-outbox</c>): emails an approved letter through SendGrid. The email carries no PHI —
/// only an opaque link to the letter in the application, behind sign-in.
/// </summary>
public sealed partial class DeliverHandler(
    LetterStore letters, CaseStore cases, ISendGridClient mail, PipelineQueues queues, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliverHandler> logger)
{
    public async Task HandleAsync(DeliveryRequested message, CancellationToken cancellationToken = default)
    {
        var letter = await letters.GetAsync(message.LetterId, cancellationToken);
        if (letter is null)
        {
            LogUnknownLetter(logger, message.LetterId);
            return;
        }
        if (letter.StatusValue != LetterStatus.Approved) return; // already sent, rejected or failed: nothing to do
        if (!await TryClaimAsync(letter, cancellationToken)) return;

        var o = options.Value;
        var email = await ComposeAsync(letter, o, cancellationToken);
        Response? response;
        TimeSpan? waitFor;
        bool lostClaim;
        try
        {
            (response, waitFor, lostClaim) = await SendWithRetriesAsync(email, letter, o, message.Deferrals, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            letter.DeliveryClaimedUntil = null;
            await letters.TryUpdateAsync(letter, CancellationToken.None);
            throw;
        }
        if (lostClaim)
        {
            // Between two sends the letter changed (another copy claimed it after this claim ran out, or a coder marked it
            // submitted): that change decides; sending again here could email the letter twice.
            LogClaimed(logger, letter.LetterId);
            return;
        }
        letter.DeliveryClaimedUntil = null;
        if (response is null) await DeferAsync(message, letter, waitFor!.Value, o, cancellationToken);
        else if (response.IsSuccessStatusCode) await RecordSentAsync(letter, response, cancellationToken);
        else await RecordRefusedAsync(letter, (int)response.StatusCode, cancellationToken);
    }

    /// <summary>
    /// Claims the send (ETag-conditional lease): two messages for one letter (an approval repeated, a redelivery) never
    /// both send. A transient failure releases the claim before the queue retries; a crash lets it expire.
    /// </summary>
    private async Task<bool> TryClaimAsync(LetterEntity letter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (letter.DeliveryClaimedUntil > now)
        {
            LogClaimed(logger, letter.LetterId);
            return false;
        }
        letter.DeliveryClaimedUntil = now + ClaimLease;
        if (await letters.TryUpdateAsync(letter, cancellationToken)) return true;
        LogClaimed(logger, letter.LetterId);
        return false; // changed meanwhile (claimed by another message, or no longer Approved): that change decides
    }

    private async Task<SendGridMessage> ComposeAsync(LetterEntity letter, DeliveryOptions o, CancellationToken cancellationToken)
    {
        var link = $"{o.PublicBaseUrl.TrimEnd('/')}/letters/{Uri.EscapeDataString(letter.LetterId)}";
        var email = MailHelper.CreateSingleEmail(
            new EmailAddress(o.FromEmail, o.FromName),
            new EmailAddress(letter.RecipientEmail ?? o.DefaultRecipientEmail),
            PhiFreeEmail.Subject,
            PhiFreeEmail.Text(link),
            PhiFreeEmail.Html(link));
        email.AddCustomArg("letterId", letter.LetterId);
        await AttachPdfIfAllowedAsync(email, letter, o, cancellationToken);
        return email;
    }

    /// <summary>
    /// SendGrid asked to wait longer than this handler waits (Retry-After), or stayed unavailable through every send of
    /// this attempt (an outage): the queue's own retries come within seconds and would poison the message long before it
    /// is over. Put the delivery back on the queue, invisible until then, and complete this message.
    /// </summary>
    private async Task DeferAsync(DeliveryRequested message, LetterEntity letter, TimeSpan waitFor, DeliveryOptions o, CancellationToken cancellationToken)
    {
        var delay = waitFor > o.MaxDeferral ? o.MaxDeferral : waitFor;
        await letters.TryUpdateAsync(letter, CancellationToken.None);
        await queues.DeferDeliveryAsync(message with { Deferrals = message.Deferrals + 1 }, delay, cancellationToken);
        LogDeferred(logger, letter.LetterId, (int)delay.TotalSeconds, message.Deferrals + 1);
    }

    private async Task RecordSentAsync(LetterEntity letter, Response response, CancellationToken cancellationToken)
    {
        letter.StatusValue = LetterStatus.Sent;
        letter.SentAt = time.GetUtcNow();
        letter.DeliveryMessageId = response.Headers is { } headers && headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (!await letters.TryUpdateAsync(letter, cancellationToken)) return; // marked submitted (or failed) meanwhile: keep that
        await cases.ChangeAsync(letter.CaseId, c => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver",
            $"Letter {letter.LetterId} emailed (notice with a sign-in link; no patient data in the email)."), cancellationToken);
        LogSent(logger, letter.LetterId);
    }

    /// <summary>Permanent (400, 401, 403, …): the coder sees why; retrying would not help.</summary>
    private async Task RecordRefusedAsync(LetterEntity letter, int status, CancellationToken cancellationToken)
    {
        var reason = status switch
        {
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => $"SendGrid refused the API key ({status}); an administrator must fix the key.",
            _ => $"SendGrid rejected the message ({status}).",
        };
        if (!await letters.TryFailApprovedAsync(letter, reason, cancellationToken))
        {
            LogPermanentIgnored(logger, letter.LetterId, status);
            return; // marked submitted meanwhile (sent by fax or mail after all): that stands, the case is not failed
        }
        await cases.ChangeAsync(letter.CaseId, c =>
        {
            c.FailureReason = reason;
            return new CaseChange("DeliveryFailed", CaseStatus.Failed, "system:deliver", $"Letter {letter.LetterId}: {reason}");
        }, cancellationToken);
        LogPermanent(logger, letter.LetterId, status);
    }

    /// <summary>
    /// Sends, retrying transient failures (429, 5xx, network errors, timeouts) a few times with exponential backoff and
    /// jitter, honoring SendGrid's Retry-After. When they persist, throws <see cref="TransientDeliveryException"/>: the
    /// queue runtime retries the message later and finally poisons it (the case then shows the failure). A Retry-After
    /// longer than <see cref="DeliveryOptions.MaxRetryAfter"/>, and transient failures through every send of this attempt,
    /// are answered with no response and a wait while the delivery may still be deferred (<paramref name="deferrals"/>
    /// below <see cref="DeliveryOptions.MaxDeferrals"/>): the caller puts it back on the queue for that long. The wait
    /// after an outage grows with each deferral (<see cref="DeliveryOptions.OutageDelay"/>).
    /// <para>
    /// Before every send after the first the claim is renewed under the letter's ETag: the sends, their timeouts and the
    /// waits between them can outlast one <see cref="ClaimLease"/>, after which another copy of the delivery may claim the
    /// letter and send it. When the renewal finds the letter changed, nothing more is sent (<c>LostClaim</c>).
    /// </para>
    /// </summary>
    private async Task<(Response? Response, TimeSpan? WaitFor, bool LostClaim)> SendWithRetriesAsync(SendGridMessage email, LetterEntity letter, DeliveryOptions o, int deferrals, CancellationToken cancellationToken)
    {
        var letterId = letter.LetterId;
        var mayDefer = deferrals < o.MaxDeferrals;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            string failure;
            if (attempt > 1)
            {
                letter.DeliveryClaimedUntil = time.GetUtcNow() + ClaimLease;
                if (!await letters.TryUpdateAsync(letter, cancellationToken)) return (null, null, true);
            }
            try
            {
                var response = await mail.SendEmailAsync(email, cancellationToken);
                var status = (int)response.StatusCode;
                if (status != 429 && status < 500) return (response, null, false);
                LogTransient(logger, letterId, status, attempt);
                failure = $"SendGrid answered {status} for letter {letterId}";
                retryAfter = response.Headers?.RetryAfter switch
                {
                    { Delta: { } d } => d,
                    { Date: { } at } => at - time.GetUtcNow(),
                    _ => null,
                };
            }
            catch (HttpRequestException ex)
            {
                failure = $"SendGrid could not be reached for letter {letterId}: {ex.GetType().Name}";
                LogTransient(logger, letterId, 0, attempt);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"SendGrid timed out for letter {letterId}";
                LogTransient(logger, letterId, 0, attempt);
            }
            if (retryAfter > o.MaxRetryAfter && mayDefer) return (null, retryAfter, false);
            if (attempt >= o.SendAttempts && mayDefer)
            {
                var wait = o.OutageDelay(deferrals);
                return (null, retryAfter > wait ? retryAfter : wait, false);
            }
            if (attempt >= o.SendAttempts || retryAfter > o.MaxRetryAfter)
                throw new TransientDeliveryException($"{failure}; the queue will retry");
            var backoff = o.RetryBaseDelay * Math.Pow(2, attempt - 1) * (0.8 + (0.4 * Random.Shared.NextDouble()));
            var delay = retryAfter is { } ra && ra > TimeSpan.Zero ? ra : backoff;
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Attaches the letter as PDF only when the deployment and this payer both opted in (a BAA covers the mail provider).</summary>
    private async Task AttachPdfIfAllowedAsync(SendGridMessage email, LetterEntity letter, DeliveryOptions o, CancellationToken cancellationToken)
    {
        if (!o.AllowPhiAttachments || o.PhiAttachmentPayers.Count == 0) return;
        var c = await cases.GetAsync(letter.CaseId, cancellationToken);
        if (!o.AllowsAttachmentFor(c?.PayerId)) return;
        var html = await letters.ReadVersionAsync(letter.LetterId, letter.Version, cancellationToken);
        if (html is null) return;
        var pdf = LetterPdf.Render(new RenderedLetter
        {
            Type = Enum.TryParse<LetterType>(letter.Type, out var type) ? type : default,
            Subject = letter.Type,
            Html = html,
            MissingFields = [],
            Recipient = new LetterRecipient(RecipientKind.Payer, letter.RecipientName, DeliveryChannel.Email, letter.RecipientEmail),
            TemplateSource = $"stored:v{letter.Version}",
        });
        email.AddAttachment($"letter-{letter.LetterId}.pdf", Convert.ToBase64String(pdf), "application/pdf");
        LogAttached(logger, letter.LetterId);
    }

    /// <summary>
    /// How long a claim on a letter lasts; renewed before each send, so it only has to outlast one send (the SendGrid
    /// client's HTTP timeout is 30 s) and the writes after it.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Deliver: letter {LetterId} is being sent by another attempt; message skipped")]
    private static partial void LogClaimed(ILogger logger, string letterId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Deliver: letter {LetterId} PDF attached (payer opted in)")]
    private static partial void LogAttached(ILogger logger, string letterId);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Deliver: letter {LetterId} does not exist; message skipped")]
    private static partial void LogUnknownLetter(ILogger logger, string letterId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Deliver: letter {LetterId} sent")]
    private static partial void LogSent(ILogger logger, string letterId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Deliver: letter {LetterId}: SendGrid answered {Status} (0: no answer) on attempt {Attempt}; retrying")]
    private static partial void LogTransient(ILogger logger, string letterId, int status, int attempt);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Deliver: letter {LetterId}: SendGrid asked to wait or is unavailable; delivery put back on the queue for {Seconds} s (deferral {Deferral})")]
    private static partial void LogDeferred(ILogger logger, string letterId, int seconds, int deferral);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Deliver: letter {LetterId}: SendGrid refused with {Status}, but the letter was marked submitted meanwhile; kept")]
    private static partial void LogPermanentIgnored(ILogger logger, string letterId, int status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Deliver: letter {LetterId}: SendGrid refused with {Status}; marked failed")]
    private static partial void LogPermanent(ILogger logger, string letterId, int status);
}
