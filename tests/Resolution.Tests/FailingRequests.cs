using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Fails every storage request whose URL names <paramref name="fragment"/> (a case id: its partition), as an outage of
/// that one partition would; with <paramref name="inBody"/>, every request whose body carries it (a table transaction
/// names its rows' partitions and values there, not in its URL).
/// </summary>
internal sealed class FailingRequests(string fragment, bool inBody = false) : HttpPipelineSynchronousPolicy
{
    public int Failed;

    public override void OnSendingRequest(HttpMessage message)
    {
        var text = inBody ? Body(message.Request) : Uri.UnescapeDataString(message.Request.Uri.ToString());
        if (!text.Contains(fragment, StringComparison.Ordinal)) return;
        Interlocked.Increment(ref Failed);
        throw new RequestFailedException(503, "injected: the partition is unavailable");
    }

    private static string Body(Request request)
    {
        if (request.Content is null) return "";
        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A table service client on <paramref name="connectionString"/> whose requests pass through this policy.</summary>
    public Azure.Data.Tables.TableServiceClient Tables(string connectionString)
    {
        var options = new Azure.Data.Tables.TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new Azure.Data.Tables.TableServiceClient(connectionString, options);
    }
}
