using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The HTTP API: access rules (section <c>Auth</c>) and every endpoint class.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Roles and review (issue 6): the header of App Service Authentication counts only where the platform sets it.
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).PostConfigure(o =>
            o.TrustClientPrincipal |= string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase));
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<ApiGuards>();
        services.AddSingleton<PayerIdentitiesApi>();
        services.AddSingleton<QuarantineApi>();
        services.AddSingleton<PipelineApi>();
        services.AddSingleton<FileRetryApi>();
        services.AddSingleton<CaseRetryApi>();
        services.AddSingleton<ClaimCheckApi>();
        services.AddSingleton<ClaimCheckMetricsApi>();
        services.AddSingleton<CodesApi>();
        services.AddSingleton<ResolutionApi>();
        services.AddSingleton<MetricsApi>();
        services.AddSingleton<ReviewApi>();
        services.AddSingleton<SendGridEventsHandler>();
        return services;
    }
}
