using System.Reflection;
using Azure.Storage.Queues;
using DenialPipeline.LocalHost;
using DenialPipeline.Testing;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// The WebJobs host's queue listeners make their own storage clients. With the SDK's default retries (≈ 25 s) a longer
/// storage outage made a listener's receive fail, which the WebJobs host treats as fatal (the process exited: seen in CI
/// as "Test host process crashed … Retry failed after 6 tries … QueueListener.ExecuteAsync"). The local host gives them
/// the pipeline's retry policy.
/// </summary>
public sealed class ListenerRetryTests
{
    [Fact]
    public void QueueListenersClients_RetryAsLongAsThePipelines()
    {
        using var host = LocalPipeline.Build(new LocalPipelineOptions(
            "UseDevelopmentStorage=true", $"http://127.0.0.1:{PipelineFixture.FreePort()}"), new MailCapture(folder: null));

        var factory = host.Services.GetRequiredService<AzureComponentFactory>();
        Assert.IsType<PatientStorageComponentFactory>(factory);
        var options = (QueueClientOptions)factory.CreateClientOptions(typeof(QueueClientOptions), null, new ConfigurationBuilder().Build());
        Assert.Equal(10, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.MaxDelay);

        // The WebJobs storage extension's client provider (the one the queue listeners use) holds that factory.
        var providerType = typeof(Microsoft.Azure.WebJobs.QueueTriggerAttribute).Assembly
            .GetType("Microsoft.Azure.WebJobs.Extensions.Storage.Queues.QueueServiceClientProvider", throwOnError: true)!;
        var provider = host.Services.GetRequiredService(providerType);
        var field = FindField(provider.GetType(), "_componentFactory");
        Assert.Same(factory, field.GetValue(provider));
    }

    private static FieldInfo FindField(Type type, string name)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) is { } f) return f;
        throw new MissingFieldException(type.FullName, name);
    }
}
