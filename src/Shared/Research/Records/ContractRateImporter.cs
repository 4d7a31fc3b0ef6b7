using DenialPipeline.Codes;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Contracted rates from CSV or JSON (fields: payer_id, procedure, modifier, rate, effective_from, effective_to): what
/// the CO-45 rule measures an allowed amount against. Procedure: a 5-character CPT/HCPCS code (or a 4-digit revenue
/// code); modifier: 2 characters, optional; rate: a non-negative amount ("$1,234.50" is read); dates optional
/// (yyyy-MM-dd, M/d/yyyy or yyyyMMdd), the end not before the start.
/// </summary>
public static class ContractRateImporter
{
    private static readonly string[] Required = ["payer_id", "procedure", "rate"];

    public static ImportResult<ContractRate> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, r => r.Key);

    public static ImportResult<ContractRate> FromJson(string json) => Importer.FromJson(json, Map, r => r.Key);

    private static Importer.Mapped<ContractRate> Map(FieldBag f)
    {
        var payer = f.Get("payer_id") ?? f.Get("payerId");
        if (payer is null) return Importer.Mapped<ContractRate>.Fail("payer_id is empty");
        var procedure = (f.Get("procedure") ?? f.Get("procedure_code") ?? f.Get("cpt"))?.ToUpperInvariant();
        if (procedure is null) return Importer.Mapped<ContractRate>.Fail($"payer {payer}: procedure is empty");
        if (procedure.Length is not (4 or 5) || !procedure.All(char.IsAsciiLetterOrDigit))
            return Importer.Mapped<ContractRate>.Fail($"payer {payer}: procedure '{procedure}' is not a 5-character CPT/HCPCS or 4-digit revenue code");
        var modifier = f.Get("modifier")?.ToUpperInvariant();
        if (modifier is not null && (modifier.Length != 2 || !modifier.All(char.IsAsciiLetterOrDigit)))
            return Importer.Mapped<ContractRate>.Fail($"payer {payer} procedure {procedure}: modifier '{modifier}' is not a 2-character modifier");
        var rateText = f.Get("rate") ?? f.Get("amount");
        if (rateText is null) return Importer.Mapped<ContractRate>.Fail($"payer {payer} procedure {procedure}: rate is empty");
        if (!decimal.TryParse(rateText.Replace("$", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var rate) || rate < 0m)
            return Importer.Mapped<ContractRate>.Fail($"payer {payer} procedure {procedure}: rate '{rateText}' is not an amount of 0 or more");
        DateOnly? from = null, to = null;
        if (f.Get("effective_from") is { } fromText && (!Csv.TryDate(fromText, out from) || from is null))
            return Importer.Mapped<ContractRate>.Fail($"payer {payer} procedure {procedure}: effective_from '{fromText}' is not a date");
        if (f.Get("effective_to") is { } toText && (!Csv.TryDate(toText, out to) || to is null))
            return Importer.Mapped<ContractRate>.Fail($"payer {payer} procedure {procedure}: effective_to '{toText}' is not a date");
        if (from is not null && to is not null && to < from)
            return Importer.Mapped<ContractRate>.Fail($"payer {payer} procedure {procedure}: effective_to {to:yyyy-MM-dd} is before effective_from {from:yyyy-MM-dd}");
        return Importer.Mapped<ContractRate>.Ok(new ContractRate(payer, procedure, rate, modifier) { EffectiveFrom = from, EffectiveTo = to });
    }
}
