namespace DenialPipeline.Api;

/// <summary>Where an upload goes after the drops container: <c>Ingest:EnqueueOnUpload</c> (see <c>ReviewApi.UploadFileAsync</c>).</summary>
public sealed class UploadOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Post the BlobCreated event ourselves after the upload. False in Azure, where Event Grid posts it; true in the local
    /// host, which has no Event Grid (and for any deployment without the Event Grid subscription).
    /// </summary>
    public bool EnqueueOnUpload { get; set; }
}
