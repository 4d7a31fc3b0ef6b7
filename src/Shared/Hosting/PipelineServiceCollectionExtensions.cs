using DenialPipeline.Pipeline;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.Delivery;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Metrics;
using DenialPipeline.Research;
using DenialPipeline.Resolution;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SendGrid;

namespace DenialPipeline.Hosting;

/// <summary>The one registration both hosts use, so the Functions app and the local host cannot diverge.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>The setting that names the storage account (a connection string, or <c>__*ServiceUri</c> + managed identity).</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddDenialPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        var storage = StorageEndpoints.From(configuration.GetSection(StorageSetting));
        services.AddSingleton(storage);
        services.AddSingleton(_ => storage.CreateBlobServiceClient());
        services.AddSingleton(_ => storage.CreateQueueServiceClient());
        services.AddSingleton(_ => storage.CreateTableServiceClient());

        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendGridSettings>().BindConfiguration(SendGridSettings.Section);
        services.AddHttpClient(nameof(SendGridClient), c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<ISendGridClient>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SendGridSettings>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridClient));
            var options = new SendGridClientOptions { ApiKey = string.IsNullOrWhiteSpace(settings.ApiKey) ? "local-capture" : settings.ApiKey };
            if (!string.IsNullOrWhiteSpace(settings.Host)) options.Host = settings.Host;
            return new SendGridClient(http, options);
        });

        services.AddSingleton(_ => CodeBook.LoadDefault());
        services.AddSingleton<CodeListStore>();
        services.AddSingleton<DenialResearcher>();
        services.AddSingleton<RecordStore>();
        services.AddSingleton<RecordsImport>();
        services.AddOptions<LetterOptions>().BindConfiguration(LetterOptions.Section);
        services.AddSingleton(sp => new LetterRenderer(new LetterRendererOptions
        {
            OverrideDirectory = sp.GetRequiredService<IOptions<LetterOptions>>().Value.TemplateOverrideDirectory,
        }));
        services.AddSingleton<LetterContextFactory>();
        services.AddSingleton<StorageSetup>();
        services.AddSingleton<PipelineQueues>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<LetterStore>();
        services.AddSingleton<IngestHandler>();
        services.AddSingleton<SenderScopes>();
        services.AddSingleton<DropClient>();
        services.AddSingleton<FileRetryHandler>();
        services.AddSingleton<ResearchHandler>();
        services.AddSingleton<DraftHandler>();
        services.AddSingleton<DeliverHandler>();
        services.AddSingleton<ReviewHandler>();
        services.AddSingleton<PoisonHandler>();
        services.TryAddSingleton(_ => QueueRetryPolicy.FromHostJson(QueueRetryPolicy.FindHostJson()));
        services.AddSingleton<StageRunner>();
        services.AddSingleton<PipelineApi>();
        services.AddSingleton<FileRetryApi>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section);
        services.AddSingleton<CodesApi>();

        // Resolution, clocks and metrics.
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaseIndex>();
        services.AddSingleton<ResolutionHandler>();
        services.AddSingleton<ResolutionApi>();
        services.AddSingleton<StorageSingleton>();
        services.AddSingleton<DeadlineSweep>();
        services.AddSingleton<MetricsReceipts>();
        services.AddSingleton<MetricsRollup>();
        services.AddSingleton<MetricsApi>();

        // Roles and review (issue 6): the header of App Service Authentication counts only where the platform sets it.
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).PostConfigure(o =>
            o.TrustClientPrincipal |= string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase));
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<ApiGuards>();
        services.AddSingleton<PayerIdentitiesApi>();
        services.AddSingleton<QuarantineHandler>();
        services.AddSingleton<QuarantineApi>();
        services.AddSingleton<DenialPipeline.Identities.PayerIdentityStore>();
        services.AddSingleton<ReviewApi>();
        services.AddSingleton<SendGridEventsHandler>();
        services.AddSingleton<WebhookEventLog>();
        return services;
    }
}

/// <summary>Storage endpoints from a connection string (Azurite, keys) or from service URIs with a managed identity (Azure).</summary>
public sealed class StorageEndpoints
{
    private readonly string? _connectionString;
    private readonly Uri? _blob, _queue, _table;
    private readonly TokenCredential? _credential;

    private StorageEndpoints(string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential)
    {
        (_connectionString, _blob, _queue, _table, _credential) = (connectionString, blob, queue, table, credential);
    }

    public static StorageEndpoints From(IConfigurationSection section)
    {
        if (!string.IsNullOrWhiteSpace(section.Value)) return new(section.Value, null, null, null, null);
        var account = section["accountName"];
        Uri? Uri(string service) => section[$"{service}ServiceUri"] is { Length: > 0 } u ? new Uri(u)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net") : null;
        var (blob, queue, table) = (Uri("blob"), Uri("queue"), Uri("table"));
        if (blob is null || queue is null || table is null)
            throw new InvalidOperationException(
                $"Storage is not configured: set '{PipelineServiceCollectionExtensions.StorageSetting}' to a connection string, or " +
                $"'{PipelineServiceCollectionExtensions.StorageSetting}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri' (with '__credential' = managedidentity).");
        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new(null, blob, queue, table, credential);
    }

    public string? ConnectionString => _connectionString;

    // Client options for every storage client of the pipeline.
    // The SDK's per-request HTTP logging is off: the WebJobs/Functions host forwards Azure SDK event sources to ILogger at
    // Verbose, so every request formatted all its headers (measured: a visible share of the pipeline's CPU under load)
    // for log lines our log levels then dropped. Failures still surface as RequestFailedException; distributed tracing
    // (dependency telemetry) stays on.
    // Retries: 10 with exponential back-off from 0.5 s up to 10 s between tries (≈ 65 s in all, against the SDK default of
    // 3 tries in ≈ 6 s), so a handler rides out a short storage outage or a burst of throttling (503/500, timeouts,
    // connection refused) instead of failing its message — whose release can then fail too and leave it leased for
    // minutes. Permanent errors (4xx) are not retried by the SDK.
    public static T Configured<T>(T options) where T : Azure.Core.ClientOptions
    {
        options.Diagnostics.IsLoggingEnabled = false;
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = 10;
        options.Retry.Delay = TimeSpan.FromSeconds(0.5);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        return options;
    }

    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = Configured(new BlobClientOptions());
        return _connectionString is not null ? new BlobServiceClient(_connectionString, options) : new BlobServiceClient(_blob, _credential, options);
    }

    public QueueServiceClient CreateQueueServiceClient()
    {
        var options = Configured(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        return _connectionString is not null ? new QueueServiceClient(_connectionString, options) : new QueueServiceClient(_queue, _credential, options);
    }

    public TableServiceClient CreateTableServiceClient()
    {
        var options = Configured(new TableClientOptions());
        return _connectionString is not null ? new TableServiceClient(_connectionString, options) : new TableServiceClient(_table, _credential, options);
    }
}
