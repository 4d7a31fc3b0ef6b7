using System.ComponentModel.DataAnnotations;

namespace DenialPipeline.Delivery;

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
}

/// <summary>Settings section "SendGrid".</summary>
public sealed class SendGridSettings
{
    public const string Section = "SendGrid";

    /// <summary>The API key (a Key Vault reference in Azure). Empty: the local capture endpoint is used.</summary>
    public string? ApiKey { get; set; }

    /// <summary>API host; defaults to SendGrid's. The local host points it at its capture endpoint.</summary>
    public string? Host { get; set; }
}
