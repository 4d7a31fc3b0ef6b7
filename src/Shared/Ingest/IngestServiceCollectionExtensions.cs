using DenialPipeline.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>Ingest: its options (section <c>Ingest</c>), the file store, the handler, uploads and retries.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RemittanceFileStore>();
        services.AddSingleton<IngestHandler>();
        services.AddSingleton<SenderScopes>();
        services.AddSingleton<QuarantineHandler>();
        services.AddSingleton<DropClient>();
        services.AddSingleton<FileRetryHandler>();
        services.AddSingleton<IPoisonRecorder, IngestPoisonRecorder>();
        return services;
    }
}
