using System.Net;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Delivery;

/// <summary>Thrown for failures worth retrying (429, 5xx): the queue runtime retries, then poisons.</summary>
public sealed class TransientDeliveryException(string message) : Exception(message);

/// <summary>
/// Stage 4 (queue <c>letters-outbox</c>): emails an approved letter through SendGrid. The email carries no PHI —
/// only an opaque link to the letter in the application, behind sign-in.
/// </summary>
public sealed partial class DeliverHandler(
    LetterStore letters, CaseStore cases, ISendGridClient mail, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<DeliverHandler> logger)
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

        var o = options.Value;
        var link = $"{o.PublicBaseUrl.TrimEnd('/')}/letters/{Uri.EscapeDataString(letter.LetterId)}";
        var email = MailHelper.CreateSingleEmail(
            new EmailAddress(o.FromEmail, o.FromName),
            new EmailAddress(letter.RecipientEmail ?? o.DefaultRecipientEmail),
            PhiFreeEmail.Subject,
            PhiFreeEmail.Text(link),
            PhiFreeEmail.Html(link));
        email.AddCustomArg("letterId", letter.LetterId);

        Response response;
        try
        {
            response = await mail.SendEmailAsync(email, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientDeliveryException($"SendGrid could not be reached for letter {letter.LetterId}: {ex.GetType().Name}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDeliveryException($"SendGrid timed out for letter {letter.LetterId}");
        }

        var status = (int)response.StatusCode;
        if (status == 429 || status >= 500)
        {
            LogTransient(logger, letter.LetterId, status);
            throw new TransientDeliveryException($"SendGrid answered {status} for letter {letter.LetterId}; will retry");
        }

        if (response.IsSuccessStatusCode)
        {
            letter.StatusValue = LetterStatus.Sent;
            letter.SentAt = time.GetUtcNow();
            letter.DeliveryMessageId = response.Headers is { } headers && headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            await letters.TryUpdateAsync(letter, cancellationToken);
            await cases.ChangeAsync(letter.CaseId, c => new CaseChange("LetterSent", CaseStatus.Sent, "system:deliver",
                $"Letter {letter.LetterId} emailed (notice with a sign-in link; no patient data in the email)."), cancellationToken);
            LogSent(logger, letter.LetterId);
            return;
        }

        // Permanent (400, 401, 403, …): the coder sees why; retrying would not help.
        var reason = status switch
        {
            (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => $"SendGrid refused the API key ({status}); an administrator must fix the key.",
            _ => $"SendGrid rejected the message ({status}).",
        };
        letter.StatusValue = LetterStatus.Failed;
        letter.FailureReason = reason;
        await letters.TryUpdateAsync(letter, cancellationToken);
        await cases.ChangeAsync(letter.CaseId, c =>
        {
            c.FailureReason = reason;
            return new CaseChange("DeliveryFailed", CaseStatus.Failed, "system:deliver", $"Letter {letter.LetterId}: {reason}");
        }, cancellationToken);
        LogPermanent(logger, letter.LetterId, status);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Deliver: letter {LetterId} does not exist; message skipped")]
    private static partial void LogUnknownLetter(ILogger logger, string letterId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Deliver: letter {LetterId} sent")]
    private static partial void LogSent(ILogger logger, string letterId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Deliver: letter {LetterId}: SendGrid answered {Status}; retrying")]
    private static partial void LogTransient(ILogger logger, string letterId, int status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Deliver: letter {LetterId}: SendGrid refused with {Status}; marked failed")]
    private static partial void LogPermanent(ILogger logger, string letterId, int status);
}

/// <summary>The only words an email carries: no names, dates, ids, codes or amounts.</summary>
public static class PhiFreeEmail
{
    public const string Subject = "A letter is ready for you";

    public static string Text(string link) =>
        $"A letter from the denial-resolution team is ready for you.\n\nSign in to read it: {link}\n\nThis message contains no patient information.";

    public static string Html(string link) =>
        $"<p>A letter from the denial-resolution team is ready for you.</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Sign in to read it</a></p><p>This message contains no patient information.</p>";
}
