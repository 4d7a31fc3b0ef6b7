using System.Text;
using Azure;
using Azure.Storage.Blobs;
using DenialPipeline.Storage;

namespace DenialPipeline.Codes;

/// <summary>
/// The official X12 CARC/RARC lists a licensed user imports (blob <c>reference/codes/{carc|rarc}.csv</c>), laid over
/// the shipped code book. Every host applies a newly stored list within a few minutes, without a restart.
/// </summary>
public sealed class CodeListStore(BlobServiceClient blobs, CodeBook codes, TimeProvider time)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);
    private readonly Dictionary<CodeKind, ETag> _applied = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;

    private BlobClient Blob(CodeKind kind) =>
        blobs.GetBlobContainerClient(StorageNames.Containers.Reference).GetBlobClient($"codes/{kind.ToString().ToLowerInvariant()}.csv");

    /// <summary>Checks the list on a scratch copy of the code book (so a bad file changes nothing), then stores it for every host.</summary>
    public async Task<CodeImportResult> StoreAsync(CodeKind kind, byte[] csv, CancellationToken cancellationToken = default)
    {
        var check = CodeBook.LoadDefault().ImportOfficialList(new StringReader(Encoding.UTF8.GetString(csv)), kind);
        if (check.Taken > 0)
        {
            await Blob(kind).UploadAsync(BinaryData.FromBytes(csv), overwrite: true, cancellationToken);
            _nextCheck = DateTimeOffset.MinValue;
            await EnsureCurrentAsync(cancellationToken);
        }
        return check;
    }

    /// <summary>Applies stored lists that changed since last applied; cheap when nothing changed (checked every few minutes).</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() < _nextCheck) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() < _nextCheck) return;
            foreach (var kind in new[] { CodeKind.Carc, CodeKind.Rarc })
            {
                try
                {
                    var blob = Blob(kind);
                    var props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                    if (_applied.TryGetValue(kind, out var etag) && etag == props.Value.ETag) continue;
                    var content = await blob.DownloadContentAsync(cancellationToken);
                    codes.ImportOfficialList(new StringReader(content.Value.Content.ToString()), kind);
                    _applied[kind] = props.Value.ETag;
                }
                catch (RequestFailedException ex) when (ex.Status == 404) { }
            }
            _nextCheck = time.GetUtcNow() + CheckEvery;
        }
        finally
        {
            _gate.Release();
        }
    }
}
