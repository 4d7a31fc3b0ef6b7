using DenialPipeline.Mail;
using DenialPipeline.Delivery;
using System.Text;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace DenialPipeline.Api;

/// <summary>
/// <c>POST /api/sendgrid/events</c>: SendGrid's signed Event Webhook. The signature (ECDSA P-256 over timestamp + body,
/// headers <c>X-Twilio-Email-Event-Webhook-Signature</c>/<c>-Timestamp</c>) is checked with the SendGrid package's
/// <see cref="RequestValidator"/> against the configured public key; anything else gets 401. Events are mapped to
/// letters by the <c>letterId</c> custom argument the Deliver stage adds; delivered, deferred, bounce and dropped update
/// the letter's delivery status and write a case history row. A re-posted batch changes nothing (event ids are kept).
/// </summary>
public sealed partial class SendGridEventsHandler(
    LetterStore letters, CaseStore cases, WebhookEventLog eventLog, IOptions<SendGridOptions> settings, TimeProvider time, ILogger<SendGridEventsHandler> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>How far the signed timestamp may be from now: a captured batch cannot be replayed later.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private const int KeptEventIds = 20;
    private static readonly RequestValidator Validator = new();

    public async Task<ApiResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var key = settings.Value.WebhookPublicKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            LogNoKey(logger);
            return Unauthorized();
        }
        // The limit holds while reading (a chunked body has no Content-Length), before anything is verified or parsed.
        if (request.ContentLength is > MaxBodyBytes || await BoundedBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken) is not { } body)
            return TooLarge();
        var payload = Encoding.UTF8.GetString(body);
        var signature = request.Headers[RequestValidator.SIGNATURE_HEADER].FirstOrDefault();
        var timestamp = request.Headers[RequestValidator.TIMESTAMP_HEADER].FirstOrDefault();
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || !Verify(key, payload, signature, timestamp))
        {
            LogForged(logger);
            return Unauthorized();
        }
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxClockSkew)
        {
            LogStale(logger);
            return Unauthorized();
        }

        List<WebhookEvent> events;
        try { events = JsonSerializer.Deserialize<List<WebhookEvent>>(payload) ?? []; }
        catch (JsonException) { return ApiResult.BadRequest("The body must be a JSON array of events."); }

        var applied = 0;
        foreach (var e in events)
        {
            if (e.LetterId is not { Length: > 0 } letterId || Kind(e.Event) is not { } kind) continue;
            var eventId = e.EventId ?? $"{letterId}-{kind}-{e.Timestamp}";
            if (await eventLog.SeenAsync(eventId, cancellationToken)) continue; // a replay: applied before
            if (await ApplyAsync(letterId, kind, e, cancellationToken)) applied++;
            await eventLog.RecordAsync(eventId, cancellationToken);
        }
        return ApiResult.Ok(new WebhookReceipt(events.Count, applied));
    }

    private static bool Verify(string key, string payload, string signature, string timestamp)
    {
        try
        {
            return Validator.VerifySignature(Validator.ConvertPublicKeyToECDSA(key), payload, signature, timestamp);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            return false; // a malformed key or signature is not a valid one
        }
    }

    /// <summary>The delivery statuses we track; other events (processed, open, click, …) are ignored.</summary>
    private static string? Kind(string? sendGridEvent) => sendGridEvent switch
    {
        "delivered" => "delivered",
        "deferred" => "deferred",
        "bounce" or "blocked" => "bounced",
        "dropped" => "dropped",
        _ => null,
    };

    private async Task<bool> ApplyAsync(string letterId, string kind, WebhookEvent e, CancellationToken cancellationToken)
    {
        var eventId = e.EventId ?? $"{kind}-{e.Timestamp}";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var letter = await letters.GetAsync(letterId, cancellationToken);
            if (letter is null)
            {
                LogUnknownLetter(logger, letterId);
                return false;
            }
            var seen = letter.DeliveryEventIds.Length == 0 ? [] : letter.DeliveryEventIds.Split(',').ToList();
            if (seen.Contains(eventId)) return false;
            seen.Add(eventId);
            letter.DeliveryEventIds = string.Join(',', seen.TakeLast(KeptEventIds));

            var final = letter.DeliveryStatus is "delivered" or "bounced" or "dropped";
            var changesStatus = !(final && kind == "deferred");
            var failed = kind is "bounced" or "dropped" && letter.StatusValue == LetterStatus.Sent;
            string? reason = null;
            if (changesStatus)
            {
                letter.DeliveryStatus = kind;
                letter.DeliveryStatusAt = e.Timestamp is { } ts ? DateTimeOffset.FromUnixTimeSeconds(ts) : time.GetUtcNow();
            }
            if (failed)
            {
                reason = $"The notice email {kind}{(string.IsNullOrWhiteSpace(e.Reason) ? "" : $" ({Truncate(e.Reason, 200)})")}; check the recipient address, then approve again to resend.";
                letter.StatusValue = LetterStatus.Failed;
                letter.FailureReason = reason;
            }
            if (!await letters.TryUpdateAsync(letter, cancellationToken)) continue; // changed meanwhile: read again

            await cases.ChangeAsync(letter.CaseId, c =>
            {
                if (failed) c.FailureReason = reason;
                return new CaseChange($"Delivery{char.ToUpperInvariant(kind[0])}{kind[1..]}", failed ? CaseStatus.Failed : null, "system:sendgrid",
                    $"Letter {letterId}: notice email {kind} (SendGrid event {Truncate(eventId, 64)}).");
            }, cancellationToken);
            LogApplied(logger, letterId, kind);
            return true;
        }
        return false;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static ApiResult TooLarge() => ApiProblems.Problem(ApiProblems.TooLarge, $"An event batch may be at most {MaxBodyBytes:N0} bytes.");

    private static ApiResult Unauthorized() => ApiProblems.Problem(ApiProblems.Unauthorized, "The request is not signed by SendGrid.");

    /// <summary>The fields of a SendGrid event we read; custom args (letterId) arrive as top-level properties.</summary>
    private sealed record WebhookEvent(
        [property: System.Text.Json.Serialization.JsonPropertyName("event")] string? Event,
        [property: System.Text.Json.Serialization.JsonPropertyName("sg_event_id")] string? EventId,
        [property: System.Text.Json.Serialization.JsonPropertyName("timestamp")] long? Timestamp,
        [property: System.Text.Json.Serialization.JsonPropertyName("letterId")] string? LetterId,
        [property: System.Text.Json.Serialization.JsonPropertyName("reason")] string? Reason);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "SendGrid events: refused a post with a missing or invalid signature")]
    private static partial void LogForged(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "SendGrid events: refused a post whose signed timestamp is more than 5 minutes off")]
    private static partial void LogStale(ILogger logger);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "SendGrid events: no webhook public key configured (SendGrid:WebhookPublicKey); every post is refused")]
    private static partial void LogNoKey(ILogger logger);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "SendGrid events: letter {LetterId} email {Kind}")]
    private static partial void LogApplied(ILogger logger, string letterId, string kind);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "SendGrid events: letter {LetterId} does not exist; event ignored")]
    private static partial void LogUnknownLetter(ILogger logger, string letterId);
}
