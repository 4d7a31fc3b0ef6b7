using DenialPipeline.Storage;

namespace DenialPipeline.Identities;

/// <summary>
/// A payer's identity as an Admin mapped it (table <c>PayerIdentities</c>): the stable object id of the caller (never its
/// display name, which anyone may choose and which several callers may share), the payer account it belongs to (its
/// drop folder <c>drops/{payer}/</c> and, for SFTP, its container <c>drops-{payer}</c>), and the payer ids its files may
/// carry (N1*PR04 / REF*2U, TRN03, ISA06 / GS02). See docs/api.md, "Payer identities".
/// </summary>
public sealed record PayerIdentity
{
    public required string ObjectId { get; init; }
    public PayerIdentityKind Kind { get; init; } = PayerIdentityKind.User;
    /// <summary>Shown to people; never a key.</summary>
    public string? DisplayName { get; init; }
    /// <summary>The payer account: the folder in <c>drops</c> its uploads go to and the files it may read.</summary>
    public required string Payer { get; init; }
    /// <summary>Every id its 835s may name as payer or sender; a transaction naming any other is quarantined.</summary>
    public IReadOnlyList<string> PayerIds { get; init; } = [];
    /// <summary>Who mapped it last (<c>user:&lt;name&gt;</c> and object id, or <c>system:…</c>) and when.</summary>
    public string? UpdatedBy { get; init; }
    public string? UpdatedById { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public const int MaxPayerIds = 50;

    /// <summary>Whether a transaction may name this id (payer id or sender), compared without case or padding.</summary>
    public bool MaySendAs(string id) => PayerIds.Any(p => string.Equals(p.Trim(), id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the identity can be stored; otherwise what is wrong, naming the field.</summary>
    public string? Problem()
    {
        if (!IsValidObjectId(ObjectId)) return $"objectId '{ObjectId}' is not a usable object id (1-128 characters, none of / \\ # ? or control characters)";
        if (Kind == PayerIdentityKind.Sftp
                ? !StorageNames.Containers.IsSftpPayerId(Payer) || Payer != ObjectId
                : !IsValidPayerKey(Payer))
            return Kind == PayerIdentityKind.Sftp
                ? $"payer '{Payer}': an SFTP identity's payer is its local user name (objectId), 3-53 lowercase letters and digits"
                : $"payer '{Payer}' is not a payer key (3-53 lowercase letters, digits and '-', starting with a letter or digit)";
        if (PayerIds.Count == 0) return $"payerIds: name at least one payer id that {ObjectId}'s files may carry";
        if (PayerIds.Count > MaxPayerIds) return $"payerIds: at most {MaxPayerIds}";
        if (PayerIds.FirstOrDefault(p => p.Trim().Length is 0 or > 80 || p.Contains(',') || p.Any(char.IsControl)) is { } bad)
            return $"payerIds: '{bad}' is not a payer id (1-80 characters, no comma)";
        return null;
    }

    public static bool IsValidObjectId(string? id) => id is { Length: > 0 and <= 128 } && Keys.IsValidTableKey(id) && id.Trim() == id;

    public static bool IsValidPayerKey(string? payer) =>
        payer is { Length: >= 3 and <= 53 } && char.IsAsciiLetterOrDigit(payer[0])
        && payer.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
