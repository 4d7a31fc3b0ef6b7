using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using DenialPipeline.FunctionsHost;
using DenialPipeline.Hosting;
using DenialPipeline.Ingest;
using DenialPipeline.LocalHost;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>
/// The deployable Functions app as its own worker process under <see cref="FunctionsHost.FunctionsHost"/>, on a private
/// Azurite, with a fake SendGrid; the sample records imported through the app's own HTTP API. One worker per fixture:
/// the app starts in a few seconds, so test classes share one (a collection) rather than start one per test.
/// </summary>
public sealed class FunctionsAppFixture : IAsyncLifetime
{
    /// <summary>The user the default client signs in as (through App Service Authentication's header): every staff role, Coder first.</summary>
    public const string DefaultUser = "tester";

    private ITestOutputHelper? _output;

    public AzuriteLauncher Azurite { get; private set; } = null!;
    public MailEndpoint Mail { get; private set; } = null!;
    public FunctionsHost.FunctionsHost Host { get; private set; } = null!;
    public ServiceProvider Storage { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string BaseUrl => Host.BaseAddress.ToString().TrimEnd('/');

    /// <summary>The build output of src/DenialFunctions (built before these tests by the project reference).</summary>
    public static string AppDirectory =>
        typeof(FunctionsAppFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsAppDirectory").Value!;


    /// <summary>Sends the worker's logs to the running test's output (xUnit gives each test its own).</summary>
    public void AttachOutput(ITestOutputHelper output) => _output = output;

    public static Dictionary<string, string?> SettingsFor(string storage, string baseUrl, string mailUrl) => new()
    {
        [PipelineServiceCollectionExtensions.StorageSetting] = storage,
        ["Delivery:PublicBaseUrl"] = baseUrl,
        ["Delivery:FromEmail"] = "denials@localhost.test",
        ["Delivery:DefaultRecipientEmail"] = "correspondence@localhost.test",
        // An outage is not waited out: the queue's own retries, then the poison queue (as in DeliveryFailureTests).
        ["Delivery:MaxDeferrals"] = "0",
        ["Delivery:RetryBaseDelay"] = "00:00:00.050",
        ["SendGrid:Host"] = mailUrl,
        ["SendGrid:ApiKey"] = "SG.test-key",
        // The practice the letters are signed for (app settings in Azure; the local host's appsettings.json has the same).
        ["Letters:OrganizationName"] = "Riverside Family Clinic",
        ["Letters:AddressLine1"] = "100 Main St",
        ["Letters:City"] = "Springfield",
        ["Letters:State"] = "OH",
        ["Letters:PostalCode"] = "45501",
        ["Letters:Phone"] = "555-555-0100",
        ["Letters:SignerName"] = "Jordan Ellis, CPC",
        ["Letters:SignerTitle"] = "Revenue Cycle Coding Lead",
    };

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteLauncher.StartPrivateAsync();
        Mail = await MailEndpoint.StartAsync();
        var port = PipelineFixture.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var settings = SettingsFor(Azurite.ConnectionString, baseUrl, Mail.Url);
        settings["WEBSITE_AUTH_ENABLED"] = "true"; // App Service Authentication on, as the platform reports it: the principal header is trusted

        // The test's own view of storage (dropping files, peeking queues), through the app's registration.
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Storage = new ServiceCollection().AddLogging().AddDenialPipeline(config).BuildServiceProvider();
        await Storage.GetRequiredService<StorageSetup>().EnsureCreatedAsync(); // Bicep creates these in Azure

        Host = await FunctionsHost.FunctionsHost.StartAsync(new FunctionsHostOptions(AppDirectory) { Settings = settings, HttpPort = port, Log = Write });
        Http = ClientAs(DefaultUser, "Coder", "Manager", "Admin");
        await ImportSampleRecordsAsync();
    }

    private void Write(string line)
    {
        // ASP.NET Core's per-request lines stay in Host.Logs (checked for PHI) but would drown the test output.
        if (line.StartsWith("[Information] Microsoft.AspNetCore.", StringComparison.Ordinal)) return;
        try { _output?.WriteLine(line); }
        catch (InvalidOperationException) { /* no test is running (between tests) */ }
    }

    /// <summary>A client whose requests carry App Service Authentication's principal header for <paramref name="user"/>.</summary>
    public HttpClient ClientAs(string? user, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // The pages send this header on every call; state changes without it are refused as cross-site (issue #18).
        client.DefaultRequestHeaders.Add(DenialPipeline.Api.ApiGuards.CsrfHeader, "XMLHttpRequest");
        if (user is not null) client.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.For(user, roles));
        return client;
    }

    /// <summary>samples/records through <c>POST /api/records</c> of the Functions app, as a coder would.</summary>
    private async Task ImportSampleRecordsAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples", "records")).Order())
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            var response = await Http.PostAsync($"/api/records?name={Uri.EscapeDataString(Path.GetFileName(file))}", content);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Importing {Path.GetFileName(file)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Drops a file the way the drop command does (upload + the BlobCreated event on denial-files).</summary>
    public Task<DropResult> DropAsync(string name, string content) =>
        Storage.GetRequiredService<DropClient>().DropAsync(name, System.Text.Encoding.UTF8.GetBytes(content), enqueue: true);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var r = await Http.GetAsync(path);
        if (r.StatusCode == HttpStatusCode.NotFound) return default;
        r.EnsureSuccessStatusCode();
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        var client = Storage.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(queue);
        if (!await client.ExistsAsync()) return [];
        return (await client.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Storage is not null) await Storage.DisposeAsync();
        if (Mail is not null) await Mail.DisposeAsync();
        if (Azurite is not null) await Azurite.DisposeAsync();
    }
}
