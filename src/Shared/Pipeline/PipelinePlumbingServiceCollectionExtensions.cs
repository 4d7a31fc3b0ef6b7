using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DenialPipeline.Pipeline;

public static class PipelinePlumbingServiceCollectionExtensions
{
    /// <summary>The queue plumbing: sending messages, running stages, the retry policy of host.json and poison handling.</summary>
    public static IServiceCollection AddPipelinePlumbing(this IServiceCollection services)
    {
        services.AddSingleton<PipelineQueues>();
        services.AddSingleton<PoisonHandler>();
        services.TryAddSingleton(_ => QueueRetryPolicy.FromHostJson(QueueRetryPolicy.FindHostJson()));
        services.AddSingleton<StageRunner>();
        return services;
    }
}
