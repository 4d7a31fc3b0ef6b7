using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>Review: approving, editing, rejecting and submitting letters, and assigning cases.</summary>
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddSingleton<ReviewHandler>();
        services.AddSingleton<CaseRetryHandler>();
        return services;
    }
}
