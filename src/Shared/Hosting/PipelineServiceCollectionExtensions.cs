using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.ClaimCheck;
using DenialPipeline.Codes;
using DenialPipeline.Delivery;
using DenialPipeline.Identities;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Mail;
using DenialPipeline.Metrics;
using DenialPipeline.Pipeline;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.Resolution;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddSingleton<StorageSetup>();
        services.AddSingleton<StorageSingleton>();

        // Bottom up (docs/architecture.md): plumbing, shared domain, then the stages and the HTTP API over them.
        services.AddPipelinePlumbing();
        services.AddCases().AddIdentities().AddCodes().AddRecords().AddMail();
        services.AddIngest().AddResearch().AddLetters().AddReview().AddDelivery().AddResolution().AddMetricsReports().AddClaimCheck();
        services.AddApi(configuration);
        return services;
    }
}
