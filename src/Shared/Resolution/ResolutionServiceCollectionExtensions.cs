using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Resolution;

public static class ResolutionServiceCollectionExtensions
{
    /// <summary>Resolution: its options (section <c>Deadlines</c>), the case index, the resolution handler and the deadline sweep.</summary>
    public static IServiceCollection AddResolution(this IServiceCollection services)
    {
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaseIndex>();
        services.AddSingleton<ResolutionHandler>();
        services.AddSingleton<DeadlineSweep>();
        return services;
    }
}
