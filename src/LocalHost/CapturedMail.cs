using System.Text.Json;

namespace DenialPipeline.LocalHost;

/// <summary>One email as the SendGrid client sent it: the raw JSON body of POST /v3/mail/send.</summary>
public sealed record CapturedMail(string Id, DateTimeOffset At, string Authorization, string Body)
{
    public JsonDocument Json() => JsonDocument.Parse(Body);
}
