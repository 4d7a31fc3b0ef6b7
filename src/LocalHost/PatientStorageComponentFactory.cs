using DenialPipeline.Hosting;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary>
/// The WebJobs host creates its own storage clients (the queue listeners') through <see cref="AzureComponentFactory"/>,
/// with the SDK's default retries: 6 tries in ≈ 25 s. When storage is unreachable for longer, a listener's receive fails
/// and the WebJobs host treats that as fatal — the whole process exits. This decorator gives those clients the same
/// retry policy as the pipeline's own (≈ 65 s, see <see cref="StorageEndpoints.Configured{T}"/>), so the local host
/// rides out an outage its handlers ride out.
/// </summary>
public sealed class PatientStorageComponentFactory(AzureComponentFactory inner) : AzureComponentFactory
{
    public override TokenCredential CreateTokenCredential(IConfiguration configuration) => inner.CreateTokenCredential(configuration);

    public override object CreateClientOptions(Type optionsType, object? serviceVersion, IConfiguration configuration)
    {
        var options = inner.CreateClientOptions(optionsType, serviceVersion, configuration);
        if (options is ClientOptions clientOptions) StorageEndpoints.Configured(clientOptions);
        return options;
    }

    public override object CreateClient(Type clientType, IConfiguration configuration, TokenCredential? credential, object clientOptions) =>
        inner.CreateClient(clientType, configuration, credential!, clientOptions);

    /// <summary>Wraps the registered <see cref="AzureComponentFactory"/> (call after the WebJobs extensions are added).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(AzureComponentFactory))
            ?? throw new InvalidOperationException("No AzureComponentFactory is registered (add the WebJobs storage extension first).");
        services.Remove(registered);
        services.AddSingleton<AzureComponentFactory>(sp => new PatientStorageComponentFactory(Create(sp, registered)));
    }

    private static AzureComponentFactory Create(IServiceProvider sp, ServiceDescriptor d) => (AzureComponentFactory)(
        d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
