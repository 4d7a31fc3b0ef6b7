using DenialPipeline.Codes;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Payer profiles from CSV or JSON (fields: payer_id, name, kind, appeal_window_days, timely_filing_days, appeal_address,
/// appeal_fax, appeal_portal, appeal_email, query_turnaround_days, accepts_clearinghouse_ack, corrected_claim_clock,
/// corrected_claim_days).
/// </summary>
public static class PayerProfileImporter
{
    private static readonly string[] Required = ["payer_id", "name"];

    public static ImportResult<PayerProfile> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, p => p.Key);

    public static ImportResult<PayerProfile> FromJson(string json) => Importer.FromJson(json, Map, p => p.Key);

    private static Importer.Mapped<PayerProfile> Map(FieldBag f)
    {
        var id = f.Get("payer_id") ?? f.Get("payerId") ?? f.Get("id");
        if (id is null) return Importer.Mapped<PayerProfile>.Fail("payer_id is empty");
        var name = f.Get("name");
        if (name is null) return Importer.Mapped<PayerProfile>.Fail($"payer {id}: name is empty");
        var kind = PayerKind.Commercial;
        var kindText = f.Get("kind");
        if (kindText is not null && !Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: kind '{kindText}' is not one of {string.Join("/", Enum.GetNames<PayerKind>())}");
        if (!Importer.TryInt(f.Get("appeal_window_days"), 1, 3650, out var appeal))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: appeal_window_days '{f.Get("appeal_window_days")}' is not a number of days (1–3650)");
        if (!Importer.TryInt(f.Get("timely_filing_days"), 1, 3650, out var filing))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: timely_filing_days '{f.Get("timely_filing_days")}' is not a number of days (1–3650)");
        if (!Importer.TryInt(f.Get("query_turnaround_days"), 1, 365, out var turnaround))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: query_turnaround_days '{f.Get("query_turnaround_days")}' is not a number of days (1–365)");
        var email = f.Get("appeal_email");
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: appeal_email is not an email address");
        var chText = f.Get("accepts_clearinghouse_ack");
        bool clearinghouse = false;
        if (chText is not null && !bool.TryParse(chText, out clearinghouse))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: accepts_clearinghouse_ack '{chText}' is not true or false");
        var clockText = f.Get("corrected_claim_clock");
        var clock = CorrectedClaimClock.DateOfService;
        if (clockText is not null && !(Enum.TryParse(clockText, ignoreCase: true, out clock) && Enum.IsDefined(clock)))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: corrected_claim_clock '{clockText}' is not one of {string.Join("/", Enum.GetNames<CorrectedClaimClock>())}");
        if (!Importer.TryInt(f.Get("corrected_claim_days"), 1, 3650, out var correctedDays))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: corrected_claim_days '{f.Get("corrected_claim_days")}' is not a number of days (1–3650)");
        return Importer.Mapped<PayerProfile>.Ok(new PayerProfile
        {
            PayerId = id,
            Name = name,
            PayerKind = kind,
            AppealWindowDays = appeal,
            TimelyFilingDays = filing,
            AppealAddress = f.Get("appeal_address"),
            AppealFax = f.Get("appeal_fax"),
            AppealPortal = f.Get("appeal_portal"),
            AppealEmail = email,
            QueryTurnaroundDays = turnaround,
            AcceptsClearinghouseAcknowledgment = clearinghouse,
            CorrectedClaimClockFrom = clock,
            CorrectedClaimDays = correctedDays,
        });
    }
}

/// <summary>Provider profiles from CSV or JSON (fields: npi, name, taxonomy, query_email). The NPI check digit is verified.</summary>
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
        return Importer.Mapped<ProviderProfile>.Ok(new ProviderProfile { Npi = npi, Name = name, Taxonomy = taxonomy?.ToUpperInvariant(), QueryEmail = email });
    }
}

/// <summary>Submission proof from a clearinghouse CSV (columns: claim_id, accepted_date, source = 999 / 277CA / CSV, reference, payer_id).</summary>
public static class SubmissionProofImporter
{
    private static readonly string[] Required = ["claim_id", "accepted_date"];

    public static ImportResult<SubmissionProof> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, p => p.Key);

    private static Importer.Mapped<SubmissionProof> Map(FieldBag f)
    {
        var claimId = f.Get("claim_id");
        if (claimId is null) return Importer.Mapped<SubmissionProof>.Fail("claim_id is empty");
        var dateText = f.Get("accepted_date");
        if (dateText is null) return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: accepted_date is empty");
        if (!Csv.TryDate(dateText, out var date) || date is null) return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: accepted_date '{dateText}' is not a date");
        var sourceText = f.Get("source");
        ProofSource source;
        switch (sourceText?.ToUpperInvariant())
        {
            case "999": case "ACK999": source = ProofSource.Ack999; break;
            case "277CA": case "277": case "ACK277CA": source = ProofSource.Ack277CA; break;
            case null: case "CSV": source = ProofSource.Csv; break;
            default: return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: source '{sourceText}' is not 999, 277CA or CSV");
        }
        var issuerText = f.Get("issuer");
        var issuer = ProofIssuer.Unknown;
        if (issuerText is not null && !(Enum.TryParse(issuerText, ignoreCase: true, out issuer) && Enum.IsDefined(issuer)))
            return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: issuer '{issuerText}' is not payer or clearinghouse");
        return Importer.Mapped<SubmissionProof>.Ok(new SubmissionProof
        {
            ClaimId = claimId, AcceptedDate = date.Value, Source = source, Reference = f.Get("reference"), PayerId = f.Get("payer_id"), Issuer = issuer,
        });
    }
}

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
