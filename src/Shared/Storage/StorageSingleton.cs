using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace DenialPipeline.Storage;

/// <summary>
/// One holder at a time across every process on the same storage account: a 60-s blob lease on
/// <c>azure-webjobs-hosts/locks/denial-pipeline/{name}</c> (the container the Functions host keeps its own singleton locks
/// in), renewed every 20 s while held and released on dispose. A holder that dies loses the lease within 60 s.
/// </summary>
public sealed class StorageSingleton(BlobServiceClient blobs)
{
    public const string Container = "azure-webjobs-hosts";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(60), RenewEvery = TimeSpan.FromSeconds(20);

    /// <summary>The lock, or null when another holder has it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobContainerClient(Container).GetBlobClient($"locks/denial-pipeline/{name}");
        await EnsureBlobAsync(blob, cancellationToken);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseTime, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null; // leased by another holder
        }
        return new Held(lease);
    }

    private static async Task EnsureBlobAsync(BlobClient blob, CancellationToken ct)
    {
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await blob.UploadAsync(BinaryData.Empty, options, ct);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                return; // already there (and possibly leased)
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && attempt == 0)
            {
                await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync(cancellationToken: ct);
            }
        }
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Held(BlobLeaseClient lease)
        {
            _lease = lease;
            _renewing = RenewAsync(_stop.Token);
        }

        private async Task RenewAsync(CancellationToken ct)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(RenewEvery, ct);
                    try { await _lease.RenewAsync(cancellationToken: ct); }
                    catch (RequestFailedException) { } // storage briefly unreachable: the next renewal tries again
                }
            }
            catch (OperationCanceledException) { }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try { await _lease.ReleaseAsync(); }
            catch (RequestFailedException) { } // expired or storage unreachable: it lapses within 60 s anyway
        }
    }
}
