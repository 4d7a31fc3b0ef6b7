using System.Net;
using DenialPipeline.FunctionsHost;
using Xunit.Abstractions;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>
/// Without App Service Authentication nothing strips <c>X-MS-CLIENT-PRINCIPAL</c> from outside requests, so the app must
/// not believe it: a forged header gets 401 from the Functions app exactly as from the local host. The refusal comes
/// before any storage access, so this worker runs without an emulator and without queue listeners.
/// </summary>
public sealed class UntrustedPrincipalTests : IClassFixture<UntrustedPrincipalTests.NoPlatformAuthentication>
{
    public sealed class NoPlatformAuthentication : IAsyncLifetime
    {
        private ITestOutputHelper? _output;

        public FunctionsHost.FunctionsHost Host { get; private set; } = null!;

        public void AttachOutput(ITestOutputHelper output) => _output = output;

        public async Task InitializeAsync()
        {
            var settings = FunctionsAppFixture.SettingsFor("UseDevelopmentStorage=true", "http://127.0.0.1:7071", "http://127.0.0.1:9");
            Assert.False(settings.ContainsKey("WEBSITE_AUTH_ENABLED"));
            Host = await FunctionsHost.FunctionsHost.StartAsync(new FunctionsHostOptions(FunctionsAppFixture.AppDirectory)
            {
                Settings = settings,
                ListenToQueues = false,
                Log = line => { try { _output?.WriteLine(line); } catch (InvalidOperationException) { } },
            });
        }

        public async Task DisposeAsync()
        {
            if (Host is not null) await Host.DisposeAsync();
        }
    }

    private readonly NoPlatformAuthentication _app;

    public UntrustedPrincipalTests(NoPlatformAuthentication app, ITestOutputHelper output)
    {
        _app = app;
        app.AttachOutput(output);
    }

    [Theory]
    [InlineData("GET", "/api/letters")]
    [InlineData("GET", "/api/me")]
    [InlineData("POST", "/api/letters/l1/approve")]
    [InlineData("POST", "/api/records?name=payers.csv")]
    public async Task ForgedPrincipalHeader_Gets401(string method, string path)
    {
        using var forged = new HttpClient { BaseAddress = _app.Host.BaseAddress };
        forged.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.For("mallory", "Coder", "Manager", "Admin"));
        forged.DefaultRequestHeaders.Add(DenialPipeline.Api.ApiGuards.CsrfHeader, "XMLHttpRequest");
        var response = await forged.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("x") : null });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StaticPages_NeedNoSignIn()
    {
        using var anonymous = new HttpClient { BaseAddress = _app.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }
}
