using System.Net;
using Xunit.Abstractions;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>
/// Without App Service Authentication nothing strips <c>X-MS-CLIENT-PRINCIPAL</c> from outside requests, so the app must
/// not believe it: a forged header gets 401 from the Functions app exactly as from the local host.
/// </summary>
public sealed class UntrustedPrincipalTests : IClassFixture<UntrustedPrincipalTests.NoPlatformAuthentication>
{
    public sealed class NoPlatformAuthentication : FunctionsAppFixture
    {
        protected override bool PlatformAuthentication => false;
        protected override bool ImportSampleRecords => false;
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
        using var forged = _app.ClientAs("mallory", "Coder", "Manager", "Admin");
        var response = await forged.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("x") : null });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StaticPages_NeedNoSignIn()
    {
        using var anonymous = _app.ClientAs(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }
}
