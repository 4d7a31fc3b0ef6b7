using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DenialPipeline.LocalHost;

/// <summary>One email as the SendGrid client sent it: the raw JSON body of POST /v3/mail/send.</summary>
public sealed record CapturedMail(string Id, DateTimeOffset At, string Authorization, string Body)
{
    public JsonDocument Json() => JsonDocument.Parse(Body);
}
