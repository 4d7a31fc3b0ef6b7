using System.Text.Json;
using DenialPipeline.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// The host's HTTP side for a worker with the <c>HttpUri</c> capability (the ASP.NET Core integration), after the host's
/// DefaultHttpProxyService: the request is forwarded as is to the worker's own Kestrel with the <c>x-ms-invocation-id</c>
/// header, the InvocationRequest goes out alongside with an empty RpcHttp (the worker reads the real request) and the
/// route values as trigger metadata, and the caller gets the worker's response.
/// </summary>
internal sealed class HttpFrontDoor(HttpTriggerRouter router, Uri workerHttpUri, Func<FunctionDescriptor, InvocationRequest, CancellationToken, Task<InvocationResponse>> invoke, Action<string> log)
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly HttpMessageInvoker _client = new(new RetryProxyHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }, log));

    public async Task HandleAsync(HttpContext context)
    {
        if (router.Match(context.Request.Method, context.Request.Path) is not { } match)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var invocationId = Guid.NewGuid().ToString();
        using var forward = BuildForwardRequest(context.Request, invocationId);
        // Forwarding starts first (as in the host): the worker's HTTP side then waits for the invocation to arrive.
        var forwarding = _client.SendAsync(forward, context.RequestAborted);
        var invocation = invoke(match.Function, BuildInvocation(match.Function, match.Trigger, match.Values, context.Request, invocationId), context.RequestAborted);

        HttpResponseMessage response;
        try
        {
            response = await forwarding.ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The worker's web server never answered: the host fails the request (and the invocation times out in the worker).
            log($"[host] could not forward {context.Request.Method} {context.Request.Path} to the worker: {ex.Message}");
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            _ = invocation.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            return;
        }
        using var disposeResponse = response;
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!HopHeaders.Contains(name)) context.Response.Headers[name] = values.ToArray();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        try { await invocation.ConfigureAwait(false); }
        catch (Exception ex) when (ex is FunctionInvocationException or FunctionsHostException)
        {
            log($"[host] {ex.Message}");
        }
    }

    private HttpRequestMessage BuildForwardRequest(HttpRequest request, string invocationId)
    {
        var target = new Uri(workerHttpUri, request.PathBase + request.Path + request.QueryString);
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0) message.Content = new StreamContent(request.Body);
        foreach (var (name, values) in request.Headers)
        {
            if (HopHeaders.Contains(name)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        message.Headers.Remove(InvocationIdHeader);
        message.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return message;
    }

    private static InvocationRequest BuildInvocation(FunctionDescriptor function, FunctionBinding trigger, Microsoft.AspNetCore.Routing.RouteValueDictionary values, HttpRequest request, string invocationId)
    {
        var invocation = new InvocationRequest { InvocationId = invocationId, FunctionId = function.Id, TraceContext = new RpcTraceContext() };
        invocation.InputData.Add(new ParameterBinding { Name = trigger.Name, Data = new TypedData { Http = new RpcHttp() } });
        foreach (var (key, value) in values)
            if (value?.ToString() is { } text) invocation.TriggerMetadata[key] = new TypedData { String = text };
        invocation.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) };
        return invocation;
    }
}
