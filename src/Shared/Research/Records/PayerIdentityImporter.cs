using DenialPipeline.Identities;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Payer identities from CSV or JSON, imported like payers (fields: object_id, kind (User/Application/Sftp),
/// display_name, payer, payer_ids separated by ';', '|', ',' or spaces; in JSON also an array). docs/api.md, "Payer identities".
/// </summary>
public static class PayerIdentityImporter
{
    private static readonly string[] Required = ["object_id", "payer", "payer_ids"];
    private static readonly char[] IdSeparators = [';', '|', ',', ' ', '\t', '[', ']', '"'];

    public static ImportResult<PayerIdentity> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, i => i.ObjectId);

    public static ImportResult<PayerIdentity> FromJson(string json) => Importer.FromJson(json, Map, i => i.ObjectId);

    /// <summary>Splits a list of payer ids as a file or a command line gives it.</summary>
    public static IReadOnlyList<string> SplitIds(string? text) =>
        (text ?? "").Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static Importer.Mapped<PayerIdentity> Map(FieldBag f)
    {
        var id = f.Get("object_id") ?? f.Get("objectId");
        if (id is null) return Importer.Mapped<PayerIdentity>.Fail("object_id is empty");
        var kindText = f.Get("kind");
        var kind = PayerIdentityKind.User;
        if (kindText is not null && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind)))
            return Importer.Mapped<PayerIdentity>.Fail($"identity {id}: kind '{kindText}' is not one of {string.Join("/", Enum.GetNames<PayerIdentityKind>())}");
        var identity = new PayerIdentity
        {
            ObjectId = id,
            Kind = kind,
            DisplayName = f.Get("display_name") ?? f.Get("name"),
            Payer = f.Get("payer") ?? "",
            PayerIds = SplitIds(f.Get("payer_ids") ?? f.Get("payerIds")),
        };
        return identity.Problem() is { } problem
            ? Importer.Mapped<PayerIdentity>.Fail($"identity {id}: {problem}")
            : Importer.Mapped<PayerIdentity>.Ok(identity);
    }
}
