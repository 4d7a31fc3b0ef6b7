using System.Collections.Concurrent;
using DenialPipeline.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// A local HTTP endpoint standing in for api.sendgrid.com: the pipeline's real SendGridClient posts to it. Each request
/// is recorded byte for byte; <see cref="Script"/> says what to answer (status and Retry-After), then 202.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;

    public sealed record Request(DateTimeOffset At, string Method, string Path, string Authorization, string ContentType, string Body);

    public ConcurrentQueue<Request> Requests { get; } = new();
    public ConcurrentQueue<(int Status, string? RetryAfter)> Script { get; } = new();
    public string Url { get; }

    private FakeSendGrid(WebApplication app, string url) => (_app, Url) = (app, url);

    public static async Task<FakeSendGrid> StartAsync()
    {
        var url = $"http://127.0.0.1:{PipelineFixture.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app, url);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            fake.Requests.Enqueue(new Request(DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType ?? "", body));
            if (fake.Script.TryDequeue(out var answer) && answer.Status != 202)
            {
                if (answer.RetryAfter is not null) context.Response.Headers.RetryAfter = answer.RetryAfter;
                context.Response.StatusCode = answer.Status;
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = $"scripted {answer.Status}" } } });
                return;
            }
            context.Response.Headers["X-Message-Id"] = $"fake-{fake.Requests.Count}";
            context.Response.StatusCode = 202;
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The pipeline with a SendGrid API key, its host pointed at <see cref="FakeSendGrid"/>, short backoff.</summary>
public sealed class SendGridPipelineFixture(FakeSendGrid sendGrid, IReadOnlyDictionary<string, string?>? extra = null) : PipelineFixture
{
    public const string ApiKey = "SG.fake-key-for-tests";

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var s = new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = ApiKey,
                ["SendGrid:Host"] = sendGrid.Url,
                ["Delivery:RetryBaseDelay"] = "00:00:00.100",
            };
            foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) s[k] = v;
            return s;
        }
    }
}
