namespace DenialPipeline.Research.Records;

/// <summary>Provider profiles from CSV or JSON (fields: npi, name, taxonomy, query_email, ptan). The NPI check digit is verified.</summary>
public static class ProviderProfileImporter
{
    private static readonly string[] Required = ["npi", "name"];

    public static ImportResult<ProviderProfile> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, p => p.Key);

    public static ImportResult<ProviderProfile> FromJson(string json) => Importer.FromJson(json, Map, p => p.Key);

    private static Importer.Mapped<ProviderProfile> Map(FieldBag f)
    {
        var npi = f.Get("npi");
        if (npi is null) return Importer.Mapped<ProviderProfile>.Fail("npi is empty");
        if (!Importer.IsValidNpi(npi)) return Importer.Mapped<ProviderProfile>.Fail($"npi '{npi}' is not a valid 10-digit NPI (check digit)");
        var name = f.Get("name");
        if (name is null) return Importer.Mapped<ProviderProfile>.Fail($"provider {npi}: name is empty");
        var taxonomy = f.Get("taxonomy");
        if (taxonomy is not null && (taxonomy.Length != 10 || !taxonomy.All(char.IsAsciiLetterOrDigit)))
            return Importer.Mapped<ProviderProfile>.Fail($"provider {npi}: taxonomy '{taxonomy}' is not a 10-character taxonomy code");
        var email = f.Get("query_email");
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
            return Importer.Mapped<ProviderProfile>.Fail($"provider {npi}: query_email is not an email address");
        var ptan = f.Get("ptan")?.ToUpperInvariant();
        if (ptan is not null && (ptan.Length > 10 || !ptan.All(char.IsAsciiLetterOrDigit)))
            return Importer.Mapped<ProviderProfile>.Fail($"provider {npi}: ptan '{ptan}' is not a PTAN (up to 10 letters and digits)");
        return Importer.Mapped<ProviderProfile>.Ok(new ProviderProfile { Npi = npi, Name = name, Taxonomy = taxonomy?.ToUpperInvariant(), QueryEmail = email, Ptan = ptan });
    }
}
