using System.Text;
using Azure;
using Azure.Storage.Blobs;
using DenialPipeline.Storage;

namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>
/// The NCCI edits in force: CMS's quarterly files a deployment imported (blobs <c>reference/ncci/ptp.csv</c> and
/// <c>reference/ncci/mue.csv</c>), else the shipped synthetic rows. An imported file replaces the synthetic rows of its
/// kind. Every host picks up a new import within minutes (ETag check), as the CARC/RARC lists do.
/// </summary>
public sealed class NcciStore(BlobServiceClient blobs, TimeProvider time)
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<NcciFileKind, ETag> _applied = [];
    private NcciEdits _current = NcciEdits.LoadDefault();
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;

    private BlobClient Blob(NcciFileKind kind) =>
        blobs.GetBlobContainerClient(StorageNames.Containers.Reference).GetBlobClient($"ncci/{kind.ToString().ToLowerInvariant()}.csv");

    /// <summary>Reads the file first (a file with no usable row is not stored), then stores it for every host.</summary>
    public async Task<NcciImportResult> StoreAsync(NcciFileKind kind, byte[] content, CancellationToken cancellationToken = default)
    {
        var check = new NcciEdits().Import(kind, new StringReader(Encoding.UTF8.GetString(content)));
        if (check.Taken == 0) return check;
        await Blob(kind).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);
        _nextCheck = DateTimeOffset.MinValue;
        await CurrentAsync(cancellationToken);
        return check;
    }

    /// <summary>The edits in force (checked for a new import every few minutes).</summary>
    public async Task<NcciEdits> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() < _nextCheck) return _current;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() < _nextCheck) return _current;
            var found = new Dictionary<NcciFileKind, (ETag ETag, string Text)>();
            foreach (var kind in new[] { NcciFileKind.Ptp, NcciFileKind.Mue })
            {
                try
                {
                    var props = await Blob(kind).GetPropertiesAsync(cancellationToken: cancellationToken);
                    if (_applied.TryGetValue(kind, out var e) && e == props.Value.ETag) { found[kind] = (e, ""); continue; }
                    var content = await Blob(kind).DownloadContentAsync(cancellationToken);
                    found[kind] = (props.Value.ETag, content.Value.Content.ToString());
                }
                catch (RequestFailedException ex) when (ex.Status == 404) { }
            }
            if (found.Any(f => f.Value.Text.Length > 0)) _current = await BuildAsync(found, cancellationToken);
            _nextCheck = time.GetUtcNow() + CheckEvery;
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NcciEdits> BuildAsync(Dictionary<NcciFileKind, (ETag ETag, string Text)> found, CancellationToken ct)
    {
        var edits = new NcciEdits();
        var assembly = typeof(NcciEdits).Assembly;
        foreach (var kind in new[] { NcciFileKind.Ptp, NcciFileKind.Mue })
        {
            string text;
            if (found.TryGetValue(kind, out var f))
            {
                text = f.Text.Length > 0 ? f.Text : (await Blob(kind).DownloadContentAsync(ct)).Value.Content.ToString();
                _applied[kind] = f.ETag;
            }
            else
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream($"DenialPipeline.ClaimCheck.Data.ncci-{kind.ToString().ToLowerInvariant()}.csv")!);
                text = await reader.ReadToEndAsync(ct);
            }
            edits.Import(kind, new StringReader(text));
        }
        return edits;
    }
}
