namespace DenialPipeline.Storage;

/// <summary>
/// The application settings the code reads, spelled as environment variables / Azure app settings
/// (<c>__</c> separates sections). infra/main.bicep and infra/app/api.bicep set each of them on the function app
/// (tests/Infra.Tests checks that); docs/deploy.md describes them.
/// </summary>
public static class AppSettings
{
    /// <summary>
    /// Storage connection used by the Functions host, the queue triggers and the pipeline's clients.
    /// Locally a connection string (<c>UseDevelopmentStorage=true</c>); in Azure an identity-based connection:
    /// <c>AzureWebJobsStorage__credential</c>, <c>__clientId</c>, <c>__blobServiceUri</c>, <c>__queueServiceUri</c>,
    /// <c>__tableServiceUri</c>, with no key anywhere.
    /// </summary>
    public const string AzureWebJobsStorage = "AzureWebJobsStorage";

    /// <summary>SendGrid API key. In Azure always a Key Vault reference, never the key itself.</summary>
    public const string SendGridApiKey = "SendGrid__ApiKey";

    /// <summary>Verified sender address for outgoing mail.</summary>
    public const string DeliveryFromEmail = "Delivery__FromEmail";

    /// <summary>Public https base URL of the app; emails carry only opaque links below it (no PHI).</summary>
    public const string DeliveryPublicBaseUrl = "Delivery__PublicBaseUrl";

    /// <summary>Team mailbox for letters whose payer/provider record names no email address.</summary>
    public const string DeliveryDefaultRecipientEmail = "Delivery__DefaultRecipientEmail";

    /// <summary>
    /// <c>true</c> only when the deployment explicitly allows PHI in email attachments (a BAA covers the mail
    /// provider). Default and absent: <c>false</c>.
    /// </summary>
    public const string DeliveryAllowPhiAttachments = "Delivery__AllowPhiAttachments";

    /// <summary>
    /// Largest dropped file Ingest reads, in bytes (default 1 GiB). A larger file is marked Failed with a message naming
    /// the limit and its size; the blob stays in the drops container.
    /// </summary>
    public const string IngestMaxFileBytes = "Ingest__MaxFileBytes";

    /// <summary>
    /// <c>true</c> where no Event Grid subscription posts BlobCreated events (the local host): an upload from the drop page
    /// (<c>POST /api/files</c>) then posts the event itself. In Azure <c>false</c>: Event Grid does it.
    /// </summary>
    public const string IngestEnqueueOnUpload = "Ingest__EnqueueOnUpload";

    /// <summary>
    /// Ingest's backpressure (default 256): while more research requests than this wait, ingest pauses opening cases.
    /// The Azure deployment sets 0 (off): Flex Consumption scales out by queue length.
    /// </summary>
    public const string IngestMaxResearchBacklog = "Ingest__MaxResearchBacklog";

    /// <summary>Application Insights connection string (telemetry is sent with an Entra token in Azure).</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Every setting the code reads.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        AzureWebJobsStorage,
        SendGridApiKey,
        DeliveryFromEmail,
        DeliveryDefaultRecipientEmail,
        DeliveryPublicBaseUrl,
        DeliveryAllowPhiAttachments,
        IngestMaxFileBytes,
        IngestEnqueueOnUpload,
        IngestMaxResearchBacklog,
        ApplicationInsightsConnectionString,
    ];

    /// <summary>
    /// The <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> key for a setting name:
    /// <c>SendGrid__ApiKey</c> becomes <c>SendGrid:ApiKey</c>.
    /// </summary>
    public static string ToConfigurationKey(string settingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(settingName);
        return settingName.Replace("__", ":", StringComparison.Ordinal);
    }
}
