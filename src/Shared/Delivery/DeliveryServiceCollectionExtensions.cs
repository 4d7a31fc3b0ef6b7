using DenialPipeline.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Delivery: the stage that sends approved letters (mail settings: <c>AddMail</c>).</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DeliverHandler>();
        services.AddSingleton<WebhookEventLog>();
        services.AddSingleton<IPoisonRecorder, DeliveryPoisonRecorder>();
        return services;
    }
}
