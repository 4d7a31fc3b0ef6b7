using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using DenialPipeline.LocalHost;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Testing;

/// <summary>
/// One local pipeline host (queue triggers + HTTP API + its own mail capture) on a free port over a given storage account.
/// Several of them on one Azurite compete for the same queues, as scaled-out Functions instances do.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private PipelineHost(IHost host, MailCapture mail, HttpClient http, string baseUrl, ConcurrentQueue<string> logs)
    {
        (Host, Mail, Http, BaseUrl, LogLines) = (host, mail, http, baseUrl, logs);
    }

    public IHost Host { get; }
    public MailCapture Mail { get; }
    public HttpClient Http { get; }
    public string BaseUrl { get; }
    public ConcurrentQueue<string> LogLines { get; }
    public IServiceProvider Services => Host.Services;

    public static async Task<PipelineHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var baseUrl = $"http://127.0.0.1:{PipelineFixture.FreePort()}";
        var mail = new MailCapture(folder: null);
        var logs = new ConcurrentQueue<string>();
        // The same development users as PipelineFixture; the client signs in as the all-staff test user.
        var all = PipelineFixture.DevUsers.ToDictionary(u => $"DevAuth:Users:{u.Key}", u => (string?)u.Value);
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var host = LocalPipeline.Build(new LocalPipelineOptions(connectionString, baseUrl, Settings: all,
            ConfigureLogging: l => l.AddProvider(new CapturingLoggerProvider(logs))), mail);
        await LocalPipeline.EnsureStorageAsync(host, cancellationToken);
        await host.StartAsync(cancellationToken);
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(DevSignIn.Header, PipelineFixture.DefaultUser);
        http.DefaultRequestHeaders.Add(DenialPipeline.Api.ApiGuards.CsrfHeader, "XMLHttpRequest");
        return new PipelineHost(host, mail, http, baseUrl, logs);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var r = await Http.GetAsync(path);
        if (r.StatusCode == HttpStatusCode.NotFound) return default;
        r.EnsureSuccessStatusCode();
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        // Long enough for the WebJobs host to drain in-flight work and stop every queue listener: a stop cut short leaves
        // listeners polling an emulator that is about to go away, and a listener that cannot reach storage for its
        // whole retry window makes the WebJobs host end the process (the test run aborts).
        // Disposed only once no trigger runs: a function ending after disposal would end the test process.
        await LocalPipeline.StopAndDisposeAsync(Host, TimeSpan.FromSeconds(90));
    }
}

