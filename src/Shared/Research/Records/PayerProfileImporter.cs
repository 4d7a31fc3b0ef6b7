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
        var contractedText = f.Get("contracted");
        if (!TryOptionalBool(contractedText, out var contracted))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: contracted '{contractedText}' is not true or false");
        var clockText = f.Get("corrected_claim_clock");
        var clock = CorrectedClaimClock.DateOfService;
        if (clockText is not null && !(Enum.TryParse(clockText, ignoreCase: true, out clock) && Enum.IsDefined(clock)))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: corrected_claim_clock '{clockText}' is not one of {string.Join("/", Enum.GetNames<CorrectedClaimClock>())}");
        if (!Importer.TryInt(f.Get("later_level_appeal_days"), 1, 3650, out var laterLevel))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: later_level_appeal_days '{f.Get("later_level_appeal_days")}' is not a number of days (1–3650)");
        if (!Importer.TryInt(f.Get("secondary_filing_days"), 1, 3650, out var secondaryDays))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: secondary_filing_days '{f.Get("secondary_filing_days")}' is not a number of days (1–3650)");
        if (!Importer.TryInt(f.Get("corrected_claim_days"), 1, 3650, out var correctedDays))
            return Importer.Mapped<PayerProfile>.Fail($"payer {id}: corrected_claim_days '{f.Get("corrected_claim_days")}' is not a number of days (1–3650)");
        return Importer.Mapped<PayerProfile>.Ok(new PayerProfile
        {
            PayerId = id,
            Name = name,
            PayerKind = kind,
            AppealWindowDays = appeal,
            LaterLevelAppealWindowDays = laterLevel,
            TimelyFilingDays = filing,
            SecondaryFilingDays = secondaryDays,
            AppealAddress = f.Get("appeal_address"),
            AppealFax = f.Get("appeal_fax"),
            AppealPortal = f.Get("appeal_portal"),
            AppealEmail = email,
            QueryTurnaroundDays = turnaround,
            AcceptsClearinghouseAcknowledgment = clearinghouse,
            CorrectedClaimClockFrom = clock,
            CorrectedClaimDays = correctedDays,
            Contracted = contracted,
        });
    }

    /// <summary>An optional true/false cell: empty is null; anything else but true or false fails.</summary>
    private static bool TryOptionalBool(string? text, out bool? value)
    {
        value = null;
        if (text is null) return true;
        if (!bool.TryParse(text, out var parsed)) return false;
        value = parsed;
        return true;
    }
}
