using DenialPipeline.Web;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Tests.Web;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void Apply_InAzure_AddsHsts_AndKeepsTheCsp()
    {
        var context = new DefaultHttpContext();
        SecurityHeaders.Apply(context.Response, inAzure: true);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal(WebUi.ContentSecurityPolicy, context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("DENY", context.Response.Headers.XFrameOptions.ToString());

        var local = new DefaultHttpContext();
        SecurityHeaders.Apply(local.Response, inAzure: false);
        Assert.Equal(0, local.Response.Headers.StrictTransportSecurity.Count);
    }
}
