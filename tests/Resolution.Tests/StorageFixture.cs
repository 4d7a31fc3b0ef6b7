using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using DenialPipeline.Hosting;
using DenialPipeline.LocalHost;
using DenialPipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// A private Azurite (in memory) and the pipeline's services (the same AddDenialPipeline registration), with a fake
/// clock and a mail client that keeps what it is asked to send. No queue triggers run: tests call the handlers.
/// </summary>
public class StorageFixture : IAsyncLifetime
{
    public AzuriteLauncher Azurite { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    public RecordingMail Mail { get; } = new();

    public virtual async Task InitializeAsync()
    {
        Azurite = await AzuriteLauncher.StartPrivateAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PipelineServiceCollectionExtensions.StorageSetting] = Azurite.ConnectionString,
            ["Delivery:PublicBaseUrl"] = "https://denials.example.test",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ISendGridClient>(Mail);
        services.AddDenialPipeline(config);
        Services = services.BuildServiceProvider();
        await Services.GetRequiredService<StorageSetup>().EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (Services is not null) await Services.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>Keeps every email instead of sending it; answers 202 (or <see cref="Status"/>).</summary>
public sealed class RecordingMail : ISendGridClient
{
    public ConcurrentQueue<SendGridMessage> Sent { get; } = new();
    public HttpStatusCode Status { get; set; } = HttpStatusCode.Accepted;

    public string UrlPath { get; set; } = "";
    public string Version { get; set; } = "v3";
    public string MediaType { get; set; } = "application/json";

    public AuthenticationHeaderValue AddAuthorization(KeyValuePair<string, string> header) => throw new NotSupportedException();

    public Task<Response> MakeRequest(HttpRequestMessage request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Response> RequestAsync(BaseClient.Method method, string? requestBody = null, string? queryParams = null, string? urlPath = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    /// <summary>How long each send takes (a slow mail provider widens the window between mailing and recording).</summary>
    public TimeSpan Latency { get; set; }

    public async Task<Response> SendEmailAsync(SendGridMessage msg, CancellationToken cancellationToken = default)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, cancellationToken);
        if ((int)Status < 300) Sent.Enqueue(msg);
        return new Response(Status, new StringContent(""), null);
    }
}
