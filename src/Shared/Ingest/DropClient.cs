using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DenialPipeline.Storage;

namespace DenialPipeline.Ingest;

/// <summary>
/// Puts a file in the drops container the way a payer's upload does. A name already used by different content gets a
/// content suffix (an original is never overwritten). With <c>enqueue</c>, also posts the BlobCreated event that Event
/// Grid posts in Azure (the local host has no Event Grid).
/// </summary>
public sealed class DropClient(BlobServiceClient blobs, PipelineQueues queues, TimeProvider time)
{
    public Task<DropResult> DropAsync(string fileName, byte[] content, bool enqueue, CancellationToken cancellationToken = default) =>
        DropIntoAsync(null, fileName, content, enqueue, null, cancellationToken);

    /// <summary>
    /// Like <see cref="DropAsync"/>, into <c>drops/{folder}/</c> when a folder is given (a payer's own uploads), recording
    /// <paramref name="uploader"/> on the blob. The same name and content again keeps the first upload (and its uploader).
    /// </summary>
    public async Task<DropResult> DropIntoAsync(string? folder, string fileName, byte[] content, bool enqueue, Uploader? uploader = null, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.Containers.Drops);
        var md5 = MD5.HashData(content);
        var name = folder is null ? SafeBlobName(fileName) : $"{SafeBlobName(folder)}/{SafeBlobName(fileName)}";
        var suffixed = WithSuffix(name, Convert.ToHexStringLower(SHA256.HashData(content))[..10]);
        BlobClient blob;
        bool already;
        // The name as given; if it holds other content, a name derived from this content. An upload that loses a race for
        // a name (someone uploaded there between the check and the upload) checks that name again: the same content is
        // already there, other content sends this one to its own name, so no upload is ever dropped.
        for (var attempt = 0; ; attempt++)
        {
            blob = container.GetBlobClient(name);
            already = false;
            try
            {
                var props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                if (props.Value.ContentHash is { } existing && existing.AsSpan().SequenceEqual(md5)) already = true;
                else if (name != suffixed)
                {
                    name = suffixed;
                    continue;
                }
                else throw new InvalidOperationException($"The drop name '{name}' holds other content although it is derived from this content's hash.");
            }
            catch (RequestFailedException ex) when (ex.Status == 404) { }
            if (already) break;
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentHash = md5, ContentType = "application/edi-x12" },
                    Metadata = uploader?.ToMetadata(),
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 4)
            {
                // Uploaded concurrently under this name: look at what is there now.
            }
        }
        if (enqueue)
            await queues.SendAsync(StorageNames.Queues.DenialFiles,
                BlobCreatedEvent.For(StorageNames.Containers.Drops, name, blob.Uri, content.LongLength, time.GetUtcNow()), cancellationToken);
        return new DropResult(name, IngestHandler.FileIdFor(name), already);
    }

    public async Task<bool> ExistsAsync(string fileName, CancellationToken cancellationToken = default) =>
        await blobs.GetBlobContainerClient(StorageNames.Containers.Drops).GetBlobClient(SafeBlobName(fileName)).ExistsAsync(cancellationToken);

    /// <summary>A blob name with no path, no traversal and only safe characters (see <see cref="Keys.SafeBlobName"/>).</summary>
    public static string SafeBlobName(string fileName) => Keys.SafeBlobName(fileName);

    private static string WithSuffix(string name, string suffix)
    {
        var ext = Path.GetExtension(name);
        return $"{name[..^ext.Length]}-{suffix}{ext}"; // keeps a folder prefix (drops/{payer}/…)
    }
}
