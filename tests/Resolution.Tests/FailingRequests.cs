using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DenialPipeline.Resolution.Tests;

/// <summary>Fails every storage request whose URL names <paramref name="fragment"/> (a case id: its partition), as an outage of that one partition would.</summary>
internal sealed class FailingRequests(string fragment) : HttpPipelineSynchronousPolicy
{
    public int Failed;

    public override void OnSendingRequest(HttpMessage message)
    {
        if (!Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains(fragment, StringComparison.Ordinal)) return;
        Interlocked.Increment(ref Failed);
        throw new RequestFailedException(503, "injected: the partition is unavailable");
    }

    /// <summary>A table service client on <paramref name="connectionString"/> whose requests pass through this policy.</summary>
    public Azure.Data.Tables.TableServiceClient Tables(string connectionString)
    {
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new Azure.Data.Tables.TableServiceClient(connectionString, options);
    }
}
