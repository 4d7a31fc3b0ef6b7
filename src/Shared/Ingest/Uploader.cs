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
/// Who uploaded a file and with which role: kept as the blob's metadata (written with the blob, so no event can
/// overtake it), copied onto the file row by ingest (<see cref="RemittanceFileEntity.UploadedBy"/>).
/// </summary>
public sealed record Uploader(string Actor, string Role, string? ObjectId = null)
{
    public const string ActorKey = "uploadedby", RoleKey = "uploadedbyrole", ObjectIdKey = "uploadedbyid";

    public Dictionary<string, string> ToMetadata()
    {
        var m = new Dictionary<string, string> { [ActorKey] = Uri.EscapeDataString(Actor), [RoleKey] = Uri.EscapeDataString(Role) };
        if (ObjectId is { Length: > 0 }) m[ObjectIdKey] = Uri.EscapeDataString(ObjectId);
        return m;
    }

    public static Uploader? FromMetadata(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(ActorKey, out var actor) && actor.Length > 0
            ? new Uploader(Uri.UnescapeDataString(actor), metadata.TryGetValue(RoleKey, out var role) ? Uri.UnescapeDataString(role) : "",
                metadata.TryGetValue(ObjectIdKey, out var id) && id.Length > 0 ? Uri.UnescapeDataString(id) : null)
            : null;
}
