using System.Net;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>A local host with no sample records (these tests read only headers and the sign-in).</summary>
public sealed class BareLocalHostFixture : PipelineFixture
{
    protected override bool ImportSampleRecords => false;
}

/// <summary>A local host whose environment is neither Development nor Production.</summary>
public sealed class StagingLocalHostFixture : PipelineFixture
{
    protected override bool ImportSampleRecords => false;
    protected override string? EnvironmentName => "Staging";
}

/// <summary>Issue 18: the local host answers only loopback Host names, says that development sign-in is on, and sends the security headers.</summary>
public sealed class LocalHostHardeningTests(BareLocalHostFixture pipeline) : IClassFixture<BareLocalHostFixture>
{
    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]      // DNS rebinding: another site's name pointing at 127.0.0.1
    [InlineData("evil.example:7071", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task OnlyLoopbackHostNames_AreAnswered(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Host = host;
        Assert.Equal(expected, (await pipeline.ClientAs("coder").SendAsync(request)).StatusCode);
    }

    [Fact]
    public void DevelopmentSignIn_IsAnnouncedAtStart()
    {
        Assert.Contains(pipeline.LogLines, l => l.Contains("Development sign-in is ON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/")]
    [InlineData("/api/cases/none")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesTheSecurityHeaders_WithoutHstsOnPlainLoopback(string path)
    {
        var r = await pipeline.ClientAs("coder").GetAsync(path);
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src", r.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(r.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class StagingLocalHostTests(StagingLocalHostFixture pipeline) : IClassFixture<StagingLocalHostFixture>
{
    [Fact]
    public async Task AnyOtherEnvironmentName_TurnsDevelopmentSignInOff()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.ClientAs("coder").GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.ClientAs(null).GetAsync("/dev/users")).StatusCode);
        Assert.DoesNotContain(pipeline.LogLines, l => l.Contains("Development sign-in is ON", StringComparison.Ordinal));
    }
}
