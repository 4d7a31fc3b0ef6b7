using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DenialPipeline.Ingest;
using DenialPipeline.LocalHost;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Testing;

/// <summary>
/// A private Azurite (in memory, free ports) and the whole local pipeline (WebJobs queue triggers + HTTP API + mail
/// capture) on a free port. Each test class gets its own, so tests never see each other's data.
/// </summary>
public class PipelineFixture : IAsyncLifetime
{
    public AzuriteLauncher Azurite { get; private set; } = null!;
    public IHost Host { get; private set; } = null!;
    public MailCapture Mail { get; } = new(folder: null);
    public HttpClient Http { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public ConcurrentQueue<string> LogLines { get; } = new();

    public IServiceProvider Services => Host.Services;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Service replacements for a test (e.g. a storage client that fails on purpose).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>The host environment (null: Development, where the development sign-in exists).</summary>
    protected virtual string? EnvironmentName => null;

    /// <summary>The development user <see cref="Http"/> signs in as: every staff role (Coder first, so writes record Coder).</summary>
    public const string DefaultUser = "tester";

    /// <summary>A payer that also uploads over SFTP: its payer id names its own container drops-{id} (lowercase letters and digits).</summary>
    public const string SftpPayer = "payeraetna";

    /// <summary>Development users every fixture has (DevAuth:Users): name → roles.</summary>
    public static readonly IReadOnlyDictionary<string, string> DevUsers = new Dictionary<string, string>
    {
        [DefaultUser] = "Coder,Manager,Admin",
        ["coder"] = "Coder",
        ["coder2"] = "Coder",
        ["manager"] = "Manager",
        ["admin"] = "Admin",
        ["payer-acme"] = "Payer",
        ["payer-other"] = "Payer",
        [SftpPayer] = "Payer",
        ["norole"] = "",
    };

    private readonly List<HttpClient> _clients = [];

    /// <summary>A client signed in (development sign-in header) as <paramref name="user"/>; null: not signed in.</summary>
    public HttpClient ClientAs(string? user)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null) client.DefaultRequestHeaders.Add(DevSignIn.Header, user);
        // As the pages do (api.js): state-changing requests without it or a JSON body are refused (CSRF, docs/api.md).
        client.DefaultRequestHeaders.Add(DenialPipeline.Api.ApiGuards.CsrfHeader, "XMLHttpRequest");
        lock (_clients) _clients.Add(client);
        return client;
    }

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteLauncher.StartPrivateAsync();
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var settings = DevUsers.ToDictionary(u => $"DevAuth:Users:{u.Key}", u => (string?)u.Value);
        foreach (var (k, v) in Settings) settings[k] = v;
        Host = LocalPipeline.Build(new LocalPipelineOptions(Azurite.ConnectionString, BaseUrl, Settings: settings, ConfigureServices: ConfigureServices,
            ConfigureLogging: l => l.AddProvider(new CapturingLoggerProvider(LogLines)), Environment: EnvironmentName), Mail);
        await LocalPipeline.EnsureStorageAsync(Host);
        await SeedPayerIdentitiesAsync();
        await Host.StartAsync();
        Http = ClientAs(DefaultUser);
        if (ImportSampleRecords) await ImportSampleRecordsAsync();
    }

    /// <summary>The ids the synthetic and sample ACME 835s carry: REF*2U/N1*PR04, TRN03, ISA06/GS02.</summary>
    public static readonly string[] AcmeIds = ["87726", "1512345678", "ACMEHEALTH"];

    /// <summary>
    /// The development payers' identities (a development user's object id is its name): payer-acme and the SFTP payer may
    /// send as ACME, payer-other as a payer of its own.
    /// </summary>
    private async Task SeedPayerIdentitiesAsync()
    {
        var store = Services.GetRequiredService<DenialPipeline.Identities.PayerIdentityStore>();
        await store.UpsertAsync(new() { ObjectId = "payer-acme", Payer = "payer-acme", PayerIds = AcmeIds, DisplayName = "ACME Health Plan" });
        await store.UpsertAsync(new() { ObjectId = "payer-other", Payer = "payer-other", PayerIds = ["99999"], DisplayName = "Other Health Plan" });
        await store.UpsertAsync(new() { ObjectId = SftpPayer, Kind = DenialPipeline.Identities.PayerIdentityKind.Sftp, Payer = SftpPayer, PayerIds = AcmeIds });
    }

    /// <summary>Whether the fixture loads samples/records (the submitted claims, payers, providers the sample 835s need).</summary>
    protected virtual bool ImportSampleRecords => true;

    public async Task ImportSampleRecordsAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "samples", "records");
        if (!Directory.Exists(folder)) return;
        var import = Services.GetRequiredService<DenialPipeline.Research.Records.RecordsImport>();
        foreach (var file in Directory.EnumerateFiles(folder).Order())
            await import.ImportAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file));
    }

    public async Task DisposeAsync()
    {
        lock (_clients) foreach (var c in _clients) c.Dispose();
        if (Host is not null)
        {
            // Long enough for the WebJobs host to drain in-flight work and stop every queue listener: a stop cut short leaves
            // listeners polling an emulator that is about to go away, and a listener that cannot reach storage for its
            // whole retry window makes the WebJobs host end the process (the test run aborts).
            // Disposed only once no trigger runs: a function ending after disposal would end the test process.
            await LocalPipeline.StopAndDisposeAsync(Host, TimeSpan.FromSeconds(90));
        }
        if (Azurite is not null) await Azurite.DisposeAsync();
    }

    /// <summary>Drops a file the way the <c>drop</c> command does (upload + BlobCreated event).</summary>
    public Task<DropResult> DropAsync(string name, string content) =>
        Services.GetRequiredService<DropClient>().DropAsync(name, System.Text.Encoding.UTF8.GetBytes(content), enqueue: true);

    /// <summary>GETs JSON; a 404 (not created yet) gives an Undefined element so that polling can go on.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var r = await Http.GetAsync(path);
        if (r.StatusCode == HttpStatusCode.NotFound) return default;
        r.EnsureSuccessStatusCode();
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the pipeline is asynchronous); fails with <paramref name="what"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T last;
        while (true)
        {
            last = await probe();
            if (!(last is JsonElement { ValueKind: JsonValueKind.Undefined }) && condition(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {seconds}s waiting for: {what}. Last value: {Describe(last)}");
            await Task.Delay(200);
        }
    }

    private static string Describe<T>(T value) => value is JsonElement e ? (e.ValueKind == JsonValueKind.Undefined ? "404" : e.ToString()) : value?.ToString() ?? "null";

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }

    /// <summary>Messages waiting in a queue (e.g. a poison queue).</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var client = Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(queue);
        var r = await client.PeekMessagesAsync(32);
        return r.Value.Select(m => m.Body.ToString()).ToList();
    }
}

/// <summary>Keeps every formatted log line, so tests can check that no PHI reaches the logs.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}
