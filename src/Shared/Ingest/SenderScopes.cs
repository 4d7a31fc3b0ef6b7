using DenialPipeline.Identities;
using DenialPipeline.Storage;

namespace DenialPipeline.Ingest;

/// <summary>
/// Finds the <see cref="SenderScope"/> of a dropped file from where it came: an SFTP payer's container
/// <c>drops-{payer}</c> (that payer's SFTP identity), a Payer's upload (the uploader's identity, by object id) or a file in
/// a payer's folder <c>drops/{payer}/</c> with no staff uploader (every identity of that payer). Files staff put in
/// <c>drops</c> (coders, admins, the CLI, Event Grid on the staff container) are trusted: null.
/// </summary>
public sealed class SenderScopes(PayerIdentityStore identities)
{
    public async Task<SenderScope?> ForAsync(string container, string blobName, Uploader? uploader, CancellationToken cancellationToken = default)
    {
        if (StorageNames.Containers.PayerOfDrops(container) is { } sftpPayer)
        {
            var sftp = (await identities.OfPayerAsync(sftpPayer, cancellationToken)).Where(i => i.Kind == PayerIdentityKind.Sftp);
            return new SenderScope($"SFTP container {container}", sftp.SelectMany(i => i.PayerIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        }
        if (uploader is { Role: "Payer", ObjectId: { } oid })
        {
            var identity = await identities.GetAsync(oid, cancellationToken);
            return new SenderScope($"payer identity {oid}", identity?.PayerIds ?? []);
        }
        var staff = uploader is not null && uploader.Role != "Payer";
        if (!staff && IngestHandler.PayerFolderOf(container, blobName) is { } folder)
        {
            var ofPayer = await identities.OfPayerAsync(folder, cancellationToken);
            return new SenderScope($"payer folder {folder}", ofPayer.SelectMany(i => i.PayerIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        }
        return null;
    }
}
