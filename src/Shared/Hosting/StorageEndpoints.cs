using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace DenialPipeline.Hosting;

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
