using System.Collections.Concurrent;
using DenialPipeline.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>
/// Stands in for api.sendgrid.com (the worker's real SendGridClient posts here: setting SendGrid__Host). Bodies are kept;
/// a mail whose body matches <see cref="FailWhen"/> is answered 500, as during an outage.
/// </summary>
public sealed class MailEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MailEndpoint(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }
    public ConcurrentQueue<string> Mails { get; } = new();
    public ConcurrentQueue<string> Refused { get; } = new();
    public Func<string, bool> FailWhen { get; set; } = _ => false;

    public static async Task<MailEndpoint> StartAsync()
    {
        var url = $"http://127.0.0.1:{PipelineFixture.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new MailEndpoint(app, url);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            if (endpoint.FailWhen(body))
            {
                endpoint.Refused.Enqueue(body);
                return Results.Json(new { errors = new[] { new { message = "outage" } } }, statusCode: 500);
            }
            endpoint.Mails.Enqueue(body);
            context.Response.Headers["X-Message-Id"] = $"fake-{endpoint.Mails.Count}";
            return Results.StatusCode(202);
        });
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
