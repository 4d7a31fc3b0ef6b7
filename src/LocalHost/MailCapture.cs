using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.LocalHost;

/// <summary>
/// A SendGrid-compatible capture endpoint (<c>POST /v3/mail/send</c>) on the local host, so the main command needs no
/// API key: each message is kept in memory and written under the git-ignored data folder.
/// <see cref="RespondWith"/> lets a developer (or a test) make it answer like SendGrid does when it fails.
/// </summary>
public sealed class MailCapture(string? folder)
{
    private readonly ConcurrentQueue<CapturedMail> _mails = new();
    private int _count;

    public IReadOnlyList<CapturedMail> Mails => _mails.ToArray();

    /// <summary>When set, the endpoint answers with this status instead of 202 (e.g. 429, 500, 400).</summary>
    public Func<int>? RespondWith { get; set; }

    public event Action<CapturedMail>? Received;

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (RespondWith?.Invoke() is { } status and not 202)
            return Results.Json(new { errors = new[] { new { message = $"capture endpoint configured to answer {status}" } } }, statusCode: status);
        var n = Interlocked.Increment(ref _count);
        var mail = new CapturedMail($"local-{n:D6}", DateTimeOffset.UtcNow, request.Headers.Authorization.ToString(), body);
        _mails.Enqueue(mail);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{mail.At:yyyyMMdd-HHmmss}-{mail.Id}.json"), body, request.HttpContext.RequestAborted);
        }
        Received?.Invoke(mail);
        request.HttpContext.Response.Headers["X-Message-Id"] = mail.Id;
        return Results.StatusCode(202);
    }
}
