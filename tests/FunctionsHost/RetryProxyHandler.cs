namespace DenialPipeline.FunctionsHost;

/// <summary>
/// Retries a forward the worker's Kestrel refused, as the host's RetryProxyHandler does: the worker reports its
/// <c>HttpUri</c> during init, and its web server may start listening a moment later. 10 tries, 50 ms doubling up to 250 ms.
/// </summary>
internal sealed class RetryProxyHandler(HttpMessageHandler inner, Action<string> log) : DelegatingHandler(inner)
{
    private const int MaxRetries = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var delay = 50;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < MaxRetries)
            {
                log($"[host] forwarding {request.Method} {request.RequestUri?.AbsolutePath} to the worker failed ({ex.Message}); retry {attempt} of {MaxRetries - 1} in {delay} ms");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 250);
            }
        }
    }
}
