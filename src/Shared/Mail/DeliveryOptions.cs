using System.ComponentModel.DataAnnotations;

namespace DenialPipeline.Mail;

/// <summary>Settings section "Delivery".</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Sender address of every email.</summary>
    [Required, EmailAddress]
    public string FromEmail { get; set; } = "denials@localhost.test";

    public string FromName { get; set; } = "Denial resolution";

    /// <summary>Base URL of the application, for the opaque link in each email (the letter is behind sign-in).</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Where letters go when the payer/provider record names no email (a team mailbox).</summary>
    [Required, EmailAddress]
    public string DefaultRecipientEmail { get; set; } = "correspondence@localhost.test";

    /// <summary>Attach the letter PDF (PHI) to emails. Only with a business associate agreement covering the mail provider.</summary>
    public bool AllowPhiAttachments { get; set; }

    /// <summary>
    /// Payer ids (as on the case, e.g. the 835's payer id) whose letters may carry the PDF, and only when
    /// <see cref="AllowPhiAttachments"/> is on too: a per-payer opt-in on top of the deployment's. Empty: none.
    /// </summary>
    public List<string> PhiAttachmentPayers { get; set; } = [];

    /// <summary>Sends tried per queue message for transient failures (429, 5xx, timeouts) before the queue runtime retries.</summary>
    [Range(1, 10)]
    public int SendAttempts { get; set; } = 3;

    /// <summary>First backoff between those sends; doubled each time (with jitter) unless SendGrid says Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A Retry-After longer than this is not waited out in the handler: the message goes back to the queue.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A longer Retry-After, or SendGrid unavailable through all <see cref="SendAttempts"/> of a delivery attempt (an
    /// outage: 5xx, timeouts, no connection, 429 without Retry-After), puts the delivery back on the queue, invisible for
    /// that long (an outage: <see cref="OutageDelay"/>), up to this many times per approval; after that the queue runtime's
    /// own retries (seconds apart) take over and finally the poison queue, which marks the letter and its case Failed.
    /// With the defaults an outage of about 2 h 20 min (1 + 4 + 16 + 60 + 60 minutes) delays letters without failing them.
    /// </summary>
    [Range(0, 100)]
    public int MaxDeferrals { get; set; } = 5;

    /// <summary>The longest a delivery is put off at once.</summary>
    public TimeSpan MaxDeferral { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is put off after its first outage; ×4 after each further one, at most <see cref="MaxDeferral"/>.</summary>
    public TimeSpan OutageRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after an outage, given how many times this delivery was already put off.</summary>
    public TimeSpan OutageDelay(int deferrals)
    {
        var ticks = OutageRetryDelay.Ticks * Math.Pow(4, Math.Max(0, deferrals));
        return ticks >= MaxDeferral.Ticks ? MaxDeferral : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>True when this payer's letters may be attached to the email as PDF (both opt-ins on).</summary>
    public bool AllowsAttachmentFor(string? payerId) =>
        AllowPhiAttachments && payerId is { Length: > 0 } && PhiAttachmentPayers.Contains(payerId, StringComparer.OrdinalIgnoreCase);
}
