using DenialPipeline.Research.Records;

namespace DenialPipeline.Research;

/// <summary>
/// Filing deadlines, counted in calendar days on DateOnly (month ends and leap days fall where the
/// calendar puts them). Defaults apply only when the payer profile has no window of its own; they are
/// documented in docs/research.md.
/// </summary>
public static class Deadlines
{
    /// <summary>Medicare: receipt of the initial determination is presumed 5 days after the notice date.</summary>
    public const int MedicareReceiptPresumptionDays = 5;
    /// <summary>Medicare Part A/B redetermination: 120 days from receipt (42 CFR 405.942).</summary>
    public const int MedicareRedeterminationDays = 120;

    /// <summary>
    /// Appeal window when the payer profile has none: Commercial 180 (ERISA minimum), Medicare Advantage 65 (42 CFR
    /// 422.582), Medicaid 60 — the shortest usual one (a Medicaid managed care plan's appeal, 42 CFR 438.402(c)(2)(ii);
    /// fee-for-service windows are the state's, often 30 to 90 days): set the profile's window from the state's manual.
    /// </summary>
    public static int DefaultAppealWindowDays(PayerKind kind) => kind switch
    {
        PayerKind.Medicare => MedicareRedeterminationDays,
        PayerKind.MedicareAdvantage => 65,
        PayerKind.Medicaid => 60,
        _ => 180,
    };

    /// <summary>Timely filing when the payer profile has none: Commercial 90, Medicaid 180, Medicare Advantage 365 days from the date of service (Medicare: one calendar year).</summary>
    public static int DefaultTimelyFilingDays(PayerKind kind) => kind switch
    {
        PayerKind.Medicare or PayerKind.MedicareAdvantage => 365,
        PayerKind.Medicaid => 180,
        _ => 90,
    };

    /// <summary>The first-level appeal deadline counted from the remittance (notice) date.</summary>
    public static Deadline Appeal(DateOnly noticeDate, string noticeDateSource, PayerKind kind, PayerProfile? payer, DateOnly today)
    {
        if (kind == PayerKind.Medicare)
        {
            var receipt = noticeDate.AddDays(MedicareReceiptPresumptionDays);
            var date = receipt.AddDays(MedicareRedeterminationDays);
            return Make(date, "Medicare redetermination (120 days from receipt)",
                $"Remittance dated {noticeDate:yyyy-MM-dd} ({noticeDateSource}); receipt presumed {MedicareReceiptPresumptionDays} days later on {receipt:yyyy-MM-dd}; {MedicareRedeterminationDays} days from receipt is {date:yyyy-MM-dd}.", today);
        }
        var (days, source) = payer?.AppealWindowDays is { } w
            ? (w, $"the {payer.Name} profile's appeal window")
            : (DefaultAppealWindowDays(kind), $"the default {kind} appeal window (no window in the payer profile)");
        var due = noticeDate.AddDays(days);
        return Make(due, payer?.AppealWindowDays is null ? $"Default {kind} appeal window ({days} days)" : $"Payer appeal window ({days} days)",
            $"{days} days from the remittance dated {noticeDate:yyyy-MM-dd} ({noticeDateSource}) under {source} is {due:yyyy-MM-dd}.", today);
    }

    /// <summary>
    /// Medicare's later appeal levels, counted from receipt of the previous level's decision (presumed 5 days after its
    /// date): 2 reconsideration by the QIC 180 days; 3 ALJ hearing, 4 Appeals Council, 5 federal court 60 days each.
    /// Null for level 1 (see <see cref="Appeal"/>) and beyond level 5.
    /// </summary>
    public static Deadline? MedicareLevel(int level, DateOnly decisionDate, DateOnly today)
    {
        var (days, name) = level switch
        {
            2 => (180, "Medicare reconsideration (QIC), 180 days from receipt"),
            3 => (60, "Medicare ALJ hearing, 60 days from receipt"),
            4 => (60, "Medicare Appeals Council review, 60 days from receipt"),
            5 => (60, "Medicare federal court review, 60 days from receipt"),
            _ => (0, ""),
        };
        if (days == 0) return null;
        var receipt = decisionDate.AddDays(MedicareReceiptPresumptionDays);
        var due = receipt.AddDays(days);
        return Make(due, name,
            $"Level {level} appeal: decision dated {decisionDate:yyyy-MM-dd} (the remittance that denied again); receipt presumed {MedicareReceiptPresumptionDays} days later on {receipt:yyyy-MM-dd}; {days} days from receipt is {due:yyyy-MM-dd}. " +
            "The previous level's decision letter is the notice that counts (42 CFR 405.956, 405.962): when it is dated earlier than this remittance, count from it.", today);
    }

    /// <summary>
    /// A later appeal level with a payer other than Original Medicare: the payer profile's window for later levels,
    /// counted from the decision that upheld the denial. Null when the profile sets none.
    /// </summary>
    public static Deadline? LaterLevel(int level, DateOnly decisionDate, PayerProfile? payer, DateOnly today)
    {
        if (payer?.LaterLevelAppealWindowDays is not { } days) return null;
        var due = decisionDate.AddDays(days);
        return Make(due, $"Payer level {level} appeal window ({days} days)",
            $"Level {level} appeal: {days} days from the decision dated {decisionDate:yyyy-MM-dd} (the remittance that denied again) under the {payer.Name} profile's window for later levels is {due:yyyy-MM-dd}. " +
            "When the payer's appeal decision letter is dated earlier, count from it.", today);
    }

    /// <summary>The timely filing deadline for a (corrected) claim, counted from the date of service.</summary>
    public static Deadline TimelyFiling(DateOnly serviceDate, PayerKind kind, PayerProfile? payer, DateOnly today, string? payerLabel = null, bool throughDate = false)
    {
        var from = throughDate ? "statement through date" : "date of service";
        if (kind == PayerKind.Medicare && payer?.TimelyFilingDays is null)
        {
            var year = serviceDate.AddYears(1);
            return Make(year, $"Medicare timely filing (1 calendar year from the {from})",
                $"{Capital(from)} {serviceDate:yyyy-MM-dd}; one calendar year later is {year:yyyy-MM-dd}.", today);
        }
        var (days, source) = payer?.TimelyFilingDays is { } t
            ? (t, $"the {payerLabel ?? payer.Name} profile's timely filing limit")
            : (DefaultTimelyFilingDays(kind), $"the default {kind} timely filing limit (no limit in the payer profile)");
        var due = serviceDate.AddDays(days);
        return Make(due, payer?.TimelyFilingDays is null ? $"Default {kind} timely filing ({days} days)" : $"Payer timely filing ({days} days)",
            $"{days} days from the {from} {serviceDate:yyyy-MM-dd} under {source} is {due:yyyy-MM-dd}.", today);
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>
    /// Medicare reopening on request: within 1 year of the initial determination for any reason (42 CFR 405.980(c)(1)),
    /// counted from the remittance date; after that, within 4 years for good cause (405.980(c)(2), 405.986) when
    /// <paramref name="goodCause"/> says why there is one (the contractor's error, shown by the evidence it considered).
    /// </summary>
    public static Deadline MedicareReopening(DateOnly noticeDate, string noticeDateSource, DateOnly today, string? goodCause = null)
    {
        var due = noticeDate.AddYears(1);
        if (goodCause is not null && ReopeningNeedsGoodCause(noticeDate, today))
        {
            var goodCauseDue = noticeDate.AddYears(4);
            return Make(goodCauseDue, "Medicare reopening for good cause (4 years from the initial determination)",
                $"Initial determination dated {noticeDate:yyyy-MM-dd} ({noticeDateSource}); the year for a reopening on request ended {due:yyyy-MM-dd}. " +
                $"A reopening for good cause may be requested until {goodCauseDue:yyyy-MM-dd} (42 CFR 405.980(c)(2)): {goodCause}.", today);
        }
        return Make(due, "Medicare reopening (1 year from the initial determination)",
            $"Initial determination dated {noticeDate:yyyy-MM-dd} ({noticeDateSource}); a reopening may be requested for any reason within one year, until {due:yyyy-MM-dd} (42 CFR 405.980(c)(1)).", today);
    }

    /// <summary>
    /// A reconsideration by the Medicare QIO that made an initial denial determination (CARC 216: "based on the findings
    /// of a review organization"): within 60 days after receipt of its notice, receipt presumed 5 days after the notice's
    /// date (42 CFR 478.20(a)); filed with that QIO (478.18(b)). The QIO's own notice usually comes before the remittance,
    /// so the explanation says to count from it when it is earlier.
    /// </summary>
    public static Deadline QioReconsideration(DateOnly noticeDate, string noticeDateSource, DateOnly today)
    {
        var due = noticeDate.AddDays(MedicareReceiptPresumptionDays + 60);
        return Make(due, "QIO reconsideration (60 days from receipt of the notice)",
            $"Notice dated {noticeDate:yyyy-MM-dd} ({noticeDateSource}), received {MedicareReceiptPresumptionDays} days later (presumed), + 60 days = {due:yyyy-MM-dd} " +
            "(42 CFR 478.20(a)). The QIO's own notice of its determination usually precedes this remittance: when its date is earlier, the 60 days run from it.", today);
    }

    /// <summary>
    /// The next payer's window counted from this (earlier) payer's remittance, when it ends later than its timely filing
    /// <paramref name="filing"/> from the date of service ("whichever is later"): its profile's
    /// <see cref="PayerProfile.SecondaryFilingDays"/>. A Medicaid payer after Medicare without one keeps its own limit,
    /// the explanation noting the federal outer bound: a state may pay a crossover claim within 6 months after the
    /// Medicare notice is received (42 CFR 447.45(d)(4)(ii)), which is permissive and set by each state.
    /// </summary>
    public static Deadline AfterPriorPayer(Deadline filing, DateOnly noticeDate, string noticeDateSource, PayerProfile? next, PayerKind thisPayer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(filing);
        if (next?.SecondaryFilingDays is not { } days)
            return next?.PayerKind == PayerKind.Medicaid && thisPayer is PayerKind.Medicare or PayerKind.MedicareAdvantage
                ? filing with
                {
                    Explanation = filing.Explanation + $" A state may also pay a crossover claim within 6 months after the Medicare notice (dated {noticeDate:yyyy-MM-dd}) " +
                        "is received (42 CFR 447.45(d)(4)(ii)): that is the state's choice, so set the state's crossover window as the profile's secondary_filing_days.",
                }
                : filing;
        var due = noticeDate.AddDays(days);
        if (due <= filing.Date) return filing;
        return Make(due, $"{next.Name}: {days} days from the earlier payer's remittance",
            $"{filing.Explanation} Filed with this remittance (dated {noticeDate:yyyy-MM-dd}, {noticeDateSource}), the claim may also be filed within " +
            $"the {next.Name} profile's {days} days of it: until {due:yyyy-MM-dd}, whichever is later.", today);
    }

    /// <summary>
    /// No Surprises Act open negotiation: initiated within 30 business days of the initial payment or notice of denial
    /// (45 CFR 149.510(b)(1)); the federal independent dispute resolution may then be asked for within 4 business days
    /// after the 30-business-day negotiation period ends (149.510(b)(2)). Business days here skip weekends only.
    /// </summary>
    public static Deadline OpenNegotiation(DateOnly noticeDate, string noticeDateSource, DateOnly today)
    {
        var due = AddBusinessDays(noticeDate, 30);
        return Make(due, "No Surprises Act open negotiation (30 business days from the payment)",
            $"Initial payment or denial dated {noticeDate:yyyy-MM-dd} ({noticeDateSource}) + 30 business days = {due:yyyy-MM-dd} (45 CFR 149.510(b)(1)); " +
            "federal holidays are not counted out here, so the true date may be a day or two later. After 30 business days of negotiation, " +
            "independent dispute resolution is asked for within 4 business days (149.510(b)(2)).", today);
    }

    private static DateOnly AddBusinessDays(DateOnly from, int days)
    {
        var d = from;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return d;
    }

    /// <summary>Whether a Medicare reopening asked <paramref name="today"/> needs good cause: the year after the initial determination has passed.</summary>
    public static bool ReopeningNeedsGoodCause(DateOnly noticeDate, DateOnly today) => today > noticeDate.AddYears(1);

    /// <summary>Days a provider is given to answer a query when the payer profile names none.</summary>
    public const int DefaultQueryTurnaroundDays = 14;

    /// <summary>
    /// Days between the provider's answer and the deadline of the step that needs it: drafting the appeal or corrected
    /// claim, its approval and its mailing (a working week and a half of this team's flow).
    /// </summary>
    public const int ResponsePreparationDays = 10;

    /// <summary>
    /// The date a provider query asks to be answered by: the payer profile's query turnaround from today (default
    /// <see cref="DefaultQueryTurnaroundDays"/>), never later than the step's deadline minus
    /// <see cref="ResponsePreparationDays"/> and never before today (a query that is already late is asked for today).
    /// </summary>
    public static DateOnly QueryAnswerBy(Deadline? stepDeadline, PayerProfile? payer, DateOnly today)
    {
        var answerBy = today.AddDays(payer?.QueryTurnaroundDays ?? DefaultQueryTurnaroundDays);
        if (stepDeadline is not null && stepDeadline.Date.AddDays(-ResponsePreparationDays) < answerBy)
            answerBy = stepDeadline.Date.AddDays(-ResponsePreparationDays);
        return answerBy < today ? today : answerBy;
    }

    /// <summary>
    /// The window for a corrected (frequency 7) or void/replacement claim, as the payer profile says: from the original
    /// claim's processing date (the remittance date) when <see cref="PayerProfile.CorrectedClaimClockFrom"/> says so, else
    /// from the date of service; over <see cref="PayerProfile.CorrectedClaimDays"/> when given, else the timely filing limit.
    /// </summary>
    /// <param name="throughDate">The date is an institutional statement's through date (CR 7080), not a line's date of service.</param>
    public static Deadline CorrectedClaim(DateOnly serviceDate, DateOnly processedDate, string processedDateSource, PayerKind kind, PayerProfile? payer, DateOnly today, bool throughDate = false)
    {
        if (payer is null || (payer.CorrectedClaimClockFrom == CorrectedClaimClock.DateOfService && payer.CorrectedClaimDays is null))
            return TimelyFiling(serviceDate, kind, payer, today, throughDate: throughDate);
        var days = payer.CorrectedClaimDays ?? payer.TimelyFilingDays ?? DefaultTimelyFilingDays(kind);
        var fromProcessing = payer.CorrectedClaimClockFrom == CorrectedClaimClock.OriginalProcessingDate;
        var start = fromProcessing ? processedDate : serviceDate;
        var due = start.AddDays(days);
        var from = fromProcessing ? $"the original claim's processing date {processedDate:yyyy-MM-dd} ({processedDateSource})" : $"the date of service {serviceDate:yyyy-MM-dd}";
        return Make(due, $"Payer corrected-claim window ({days} days from the {(fromProcessing ? "original processing date" : "date of service")})",
            $"{days} days from {from} under the {payer.Name} profile's corrected-claim rule is {due:yyyy-MM-dd}.", today);
    }

    private static Deadline Make(DateOnly date, string rule, string explanation, DateOnly today) =>
        new(date, rule, explanation, date.DayNumber - today.DayNumber);
}
