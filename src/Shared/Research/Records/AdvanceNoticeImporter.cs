using DenialPipeline.Codes;
using DenialPipeline.Storage;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Signed ABNs from a practice's ABN log, CSV or JSON (fields: abn_id, member_id, patient_id, payer_id, procedure_codes,
/// signed_date, option, covers_through). Each row needs a member or patient id, at least one procedure code (several
/// separated by spaces, ',' ';' or '|') and the signed date; option is 1, 2 or 3 (empty: not recorded); covers_through
/// only for an extended course of treatment, not before the signed date.
/// </summary>
public static class AdvanceNoticeImporter
{
    private static readonly string[] Required = ["procedure_codes", "signed_date"];

    public static ImportResult<AdvanceNotice> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, n => n.Key);

    public static ImportResult<AdvanceNotice> FromJson(string json) => Importer.FromJson(json, Map, n => n.Key);

    /// <summary>Whether a header (normalised: no case, '_', '-' or spaces) is an ABN log's.</summary>
    public static bool LooksLikeLog(string header) =>
        header.Contains("signeddate", StringComparison.Ordinal) && (header.Contains("abn", StringComparison.Ordinal) || header.Contains("option", StringComparison.Ordinal));

    private static Importer.Mapped<AdvanceNotice> Map(FieldBag f)
    {
        var id = f.Get("abn_id") ?? f.Get("id");
        var label = id is null ? "the ABN" : $"ABN {id}";
        var member = f.Get("member_id");
        var patient = f.Get("patient_id");
        if (member is null && patient is null) return Fail($"{label}: member_id and patient_id are both empty (one is needed to find the patient)");
        var codesText = f.Get("procedure_codes") ?? f.Get("procedures");
        var codes = (codesText ?? "").Split([' ', ',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0) return Fail($"{label}: procedure_codes is empty (an ABN covers only the items it lists)");
        if (codes.FirstOrDefault(c => c.Length != 5 || !c.All(char.IsAsciiLetterOrDigit)) is { } bad)
            return Fail($"{label}: procedure code '{bad}' is not a 5-character CPT/HCPCS code");
        var signedText = f.Get("signed_date");
        if (signedText is null) return Fail($"{label}: signed_date is empty");
        if (!Csv.TryDate(signedText, out var signed) || signed is null) return Fail($"{label}: signed_date '{signedText}' is not a date");
        var option = 0;
        if (f.Get("option") is { } optionText)
        {
            if (!Importer.TryInt(optionText.Replace("Option", "", StringComparison.OrdinalIgnoreCase).Trim(), 1, 3, out var o) || o is null)
                return Fail($"{label}: option '{optionText}' is not 1, 2 or 3");
            option = o.Value;
        }
        DateOnly? through = null;
        if (f.Get("covers_through") is { } throughText)
        {
            if (!Csv.TryDate(throughText, out through) || through is null) return Fail($"{label}: covers_through '{throughText}' is not a date");
            if (through < signed) return Fail($"{label}: covers_through {through:yyyy-MM-dd} is before signed_date {signed:yyyy-MM-dd}");
        }
        return Importer.Mapped<AdvanceNotice>.Ok(new AdvanceNotice
        {
            // A derived id is a hash: member ids are PHI, and record keys appear in logs.
            Id = id ?? Keys.Hash("abn", member ?? patient!, signed.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), string.Join(" ", codes.Order(StringComparer.Ordinal))),
            MemberId = member, PatientId = patient, PayerId = f.Get("payer_id"),
            ProcedureCodes = codes, SignedDate = signed.Value, Option = option, CoversThrough = through,
        });
    }

    private static Importer.Mapped<AdvanceNotice> Fail(string why) => Importer.Mapped<AdvanceNotice>.Fail(why);
}
