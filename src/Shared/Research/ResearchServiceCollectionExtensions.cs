using DenialPipeline.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Research;

public static class ResearchServiceCollectionExtensions
{
    /// <summary>Research: the researcher (rules) and the stage handler.</summary>
    public static IServiceCollection AddResearch(this IServiceCollection services)
    {
        services.AddSingleton<DenialResearcher>();
        services.AddSingleton<ResearchHandler>();
        services.AddSingleton<IPoisonRecorder, ResearchPoisonRecorder>();
        return services;
    }
}
