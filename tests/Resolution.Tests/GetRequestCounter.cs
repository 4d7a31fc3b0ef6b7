using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DenialPipeline.Resolution.Tests;

/// <summary>Records the URL of every GET a storage client sends, so a test can count the reads of one partition.</summary>
internal sealed class GetRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _urls = new();

    public int Count(string fragment) => _urls.Count(u => u.Contains(fragment, StringComparison.Ordinal));

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get) _urls.Enqueue(Uri.UnescapeDataString(message.Request.Uri.ToString()));
    }
}
