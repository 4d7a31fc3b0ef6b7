using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DenialPipeline.LocalHost;

public static class MailCaptureEndpoints
{
    public static IEndpointRouteBuilder MapMailCapture(this IEndpointRouteBuilder app, MailCapture capture)
    {
        app.MapPost("/v3/mail/send", (HttpRequest r) => capture.HandleAsync(r));
        return app;
    }
}
