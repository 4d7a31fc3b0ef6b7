using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SendGrid;

namespace DenialPipeline.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>Mail: its options (sections <c>Delivery</c> and <c>SendGrid</c>) and the SendGrid client.</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.Section);
        services.AddHttpClient(nameof(SendGridClient), c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<ISendGridClient>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridClient));
            var options = new SendGridClientOptions { ApiKey = string.IsNullOrWhiteSpace(settings.ApiKey) ? "local-capture" : settings.ApiKey };
            if (!string.IsNullOrWhiteSpace(settings.Host)) options.Host = settings.Host;
            return new SendGridClient(http, options);
        });
        return services;
    }
}
