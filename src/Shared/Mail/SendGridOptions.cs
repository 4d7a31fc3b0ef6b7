namespace DenialPipeline.Mail;

/// <summary>Settings section "SendGrid".</summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";

    /// <summary>The API key (a Key Vault reference in Azure). Empty: the local capture endpoint is used.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API host; defaults to SendGrid's. The local host points it at its capture endpoint.</summary>
    public string? Host { get; set; }

    /// <summary>
    /// The Event Webhook's verification key (Mail Settings → Signed Event Webhook; Base64 ECDSA P-256 public key).
    /// Without it every webhook post is refused.
    /// </summary>
    public string? WebhookPublicKey { get; set; }
}
