using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.Research.Rules;
using DenialPipeline.X12;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research;

/// <summary>
/// Decides what to do with one denied claim: finds the dominant adjustment, asks the rule for its category
/// (<see cref="RuleBook"/>, one rule per file under Rules/) what the records say, and gives the category, action, a
/// decision per denial reason on each line, evidence, deadline and priority. Pure: everything it needs comes in as
/// arguments; time only from the TimeProvider. The rule table is in docs/research.md.
/// </summary>
public sealed class DenialResearcher
{
    private readonly CodeBook _codes;
    private readonly TimeProvider _time;

    public DenialResearcher(CodeBook codes, TimeProvider time)
    {
        _codes = codes ?? throw new ArgumentNullException(nameof(codes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public ResearchResult Decide(ClaimPayment claim, RemittanceTransaction tx, RecordsSnapshot records)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(tx);
        records ??= RecordsSnapshot.Empty;
        var now = _time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var evidence = new List<Evidence>();

        var (kind, kindSource) = PayerKindOf(claim, records);
        evidence.Add(new Evidence("Payer kind", records.Payer is not null, $"The payer is treated as {kind} ({kindSource})."));
        var matches = MatchLines(claim, records, evidence);
        // How the coverages, encounters and authorizations were tied to this patient, so the coder can judge the tie.
        if (records.PatientLink != PatientLink.NotLinked)
            evidence.Add(LinkEvidence(records.PatientLink));
        var remarks = claim.Remarks.Concat(claim.Lines.SelectMany(l => l.Remarks)).Distinct(RuleContext.Ids).ToList();
        var remarkInfos = remarks.Select(_codes.Rarc).ToList();
        var ctx = new RuleContext(claim, tx, records, kind, today, remarkInfos, matches, _codes);
        var items = Items(claim, matches);

        if (claim.Reversal)
        {
            evidence.Add(new Evidence("Claim status", true, "CLP02 = 22: a reversal of an earlier payment, not a new denial; it links to the earlier payment."));
            return Result(claim, records, DenialCategory.Other, ResolutionAction.NoAction, "", "", remarks, 0m, null,
                new Priority(0m, 0m, 0m, 1m, "A reversal: nothing to recover."), [], evidence, [], [], null,
                "No action: the claim is a reversal of an earlier payment (CLP02 = 22).", now);
        }
        if (items.Count == 0)
        {
            evidence.Add(new Evidence("Adjustments", false, "The claim carries no adjustment with an amount: nothing to research."));
            // Denied outright: what is in dispute is the unpaid charge, as the case was opened with (ClaimSnapshot.DeniedAmount).
            return Result(claim, records, DenialCategory.Other, ResolutionAction.ManualReview, "", "", remarks, Math.Max(0m, claim.Charge - claim.Paid), null,
                new Priority(0m, 0m, 0m, 1m, "No adjusted amount."), [], evidence, [], [], null,
                "No adjustment with an amount: review the remittance by hand.", now);
        }

        var workable = items.Where(x => DenialRules.IsWorkable(claim, x.Adjustment)).ToList();
        var (dominant, dominantTotal, several) = Dominant(items, workable);
        evidence.Add(new Evidence("Adjustments", true, DescribeAdjustments(items, (dominant.Adjustment.Group, dominant.Carc.Code.Code), several)));
        foreach (var r in remarkInfos)
            evidence.Add(new Evidence($"Remark {r.Code}", r.Known, r.Known ? $"{r.Code}{(r.Alert ? " (alert, informational)" : "")}: {r.Text}" : $"Remark {r.Code} is not in the code book."));

        var outcome = RuleBook.Evaluate(dominant, ctx);
        evidence.AddRange(outcome.Evidence);
        if (DrgChange.Evidence(claim, records, kind) is { } drg) evidence.Add(drg);
        var decisions = Decisions(items, dominant, outcome, ctx);
        var deniedAmount = outcome.RecoverableAmount ?? (workable.Count > 0 ? workable.Sum(x => x.Adjustment.Amount) : dominantTotal);
        var deadline = DeadlineOf(outcome, dominant, ctx, evidence);
        var priority = PriorityOf(deniedAmount, dominant.Carc, outcome.Action, deadline);
        return Result(claim, records, outcome.Category, outcome.Action, dominant.Adjustment.Group, dominant.Carc.Code.Code, remarks, deniedAmount, deadline,
            priority, decisions, evidence, outcome.Corrections ?? [], outcome.Enclosures ?? [], outcome.Missing, outcome.Conclusion, now)
            .WithFactsOf(outcome, records) with
        {
            QueryAnswerBy = outcome.Action == ResolutionAction.ProviderQuery || decisions.Any(d => d.Action == ResolutionAction.ProviderQuery)
                ? Deadlines.QueryAnswerBy(deadline, records.Payer, today) : null,
            ClericalError = AsNeeded(outcome.ClericalError, ctx),
        };
    }

    /// <summary>Ties the remittance lines to the submitted claim's, saying in the evidence how many tied.</summary>
    private static IReadOnlyList<LineMatch> MatchLines(ClaimPayment claim, RecordsSnapshot records, List<Evidence> evidence)
    {
        if (records.Claim is not { } submitted)
        {
            evidence.Add(new Evidence("Submitted claim", false, $"No submitted claim is on file for patient control number {claim.PatientControlNumber}: checks that need it are limited."));
            return [];
        }
        var matches = ClaimMatcher.MatchLines(claim, submitted);
        var unmatched = matches.Count(m => m.Submitted is null);
        evidence.Add(new Evidence("Submitted claim", true,
            $"Submitted claim {submitted.ClaimId} is on file; {matches.Count - unmatched} of {matches.Count} remittance lines tie to submitted lines" +
            (unmatched > 0 ? $" ({unmatched} could not be tied)." : ".")));
        return matches;
    }

    /// <summary>
    /// Whether deciding this claim can need its earlier payments: only an adjustment (with an amount) whose reason is in
    /// the duplicate category reaches the rule that reads them (<see cref="RuleBook"/>), so research skips those reads
    /// (one per member and month of service) for every other denial.
    /// </summary>
    public bool NeedsEarlierPayments(ClaimPayment claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        foreach (var a in claim.Adjustments)
            if (a.Amount != 0m && _codes.Carc(a.Reason).Category == DenialCategory.Duplicate) return true;
        foreach (var line in claim.Lines)
            foreach (var a in line.Adjustments)
                if (a.Amount != 0m && _codes.Carc(a.Reason).Category == DenialCategory.Duplicate) return true;
        return false;
    }

    /// <summary>Every adjustment with an amount, claim level first, each with its line.</summary>
    private List<DenialItem> Items(ClaimPayment claim, IReadOnlyList<LineMatch> matches)
    {
        var items = new List<DenialItem>();
        foreach (var a in claim.Adjustments.Where(a => a.Amount != 0m))
            items.Add(new DenialItem(a, null, null, null, _codes.Carc(a.Reason), _codes.Group(a.Group)));
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var submittedLine = matches.Count > i ? matches[i].Submitted : null;
            foreach (var a in claim.Lines[i].Adjustments.Where(a => a.Amount != 0m))
                items.Add(new DenialItem(a, i, claim.Lines[i], submittedLine, _codes.Carc(a.Reason), _codes.Group(a.Group)));
        }
        return items;
    }

    /// <summary>
    /// The dominant adjustment: workable (denial) adjustments first, then the largest total by group+reason, then
    /// severity. Returns its largest item, the reason's total and whether there were several reasons.
    /// </summary>
    private static (DenialItem Top, decimal Total, bool Several) Dominant(List<DenialItem> items, List<DenialItem> workable)
    {
        var pool = workable.Count > 0 ? workable : items.Where(x => x.Adjustment.Amount > 0m).DefaultIfEmpty(items[0]).ToList();
        var groups = pool
            .GroupBy(x => (x.Adjustment.Group, x.Carc.Code.Code))
            .Select(g => (g.Key, Total: g.Sum(x => x.Adjustment.Amount), Items: g.OrderByDescending(x => x.Adjustment.Amount).ToList()))
            .OrderByDescending(g => g.Total)
            .ThenBy(g => Severity(g.Items[0].Carc.Category))
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .ToList();
        return (groups[0].Items[0], groups[0].Total, groups.Count > 1);
    }

    /// <summary>
    /// Per-place decisions (a place is a line, or the claim level): one for every denial reason there, each evaluated by
    /// the same rules as the dominant one and carrying its own facts, so a letter can argue every reason on a line from
    /// what research found for it. One decision per place drives the place's action (the letter planner reads only
    /// those): the place's largest workable adjustment, so the letters planned for a case do not change with the number
    /// of reasons a line carries. PR and plain contractual adjustments get no decision of their own; only when nothing
    /// on a place is workable does its largest one drive it.
    /// </summary>
    private static List<LineDecision> Decisions(List<DenialItem> items, DenialItem dominant, RuleOutcome dominantOutcome, RuleContext ctx)
    {
        var decisions = new List<LineDecision>();
        foreach (var place in items.GroupBy(x => x.LineIndex).OrderBy(g => g.Key ?? -1))
        {
            var placeItems = place.ToList();
            var placeWorkable = placeItems.Where(x => DenialRules.IsWorkable(ctx.Claim, x.Adjustment)).ToList();
            var top = (placeWorkable.Count > 0 ? placeWorkable : placeItems)
                .OrderByDescending(x => x.Adjustment.Amount).ThenBy(x => Severity(x.Carc.Category)).First();
            decisions.Add(Decision(top, placeItems, drivesAction: true));
            var others = placeWorkable
                .Where(x => !x.SameReason(top))
                .GroupBy(x => (x.Adjustment.Group, x.Carc.Code.Code))
                .Select(g => (Total: g.Sum(x => x.Adjustment.Amount), Largest: g.OrderByDescending(x => x.Adjustment.Amount).First()))
                .OrderByDescending(g => g.Total)
                .ThenBy(g => Severity(g.Largest.Carc.Category))
                .ThenBy(g => g.Largest.Adjustment.Group, StringComparer.Ordinal)
                .ThenBy(g => g.Largest.Carc.Code.Code, StringComparer.Ordinal);
            foreach (var other in others)
                decisions.Add(Decision(other.Largest, placeItems, drivesAction: false));
        }
        return decisions;

        LineDecision Decision(DenialItem item, List<DenialItem> placeItems, bool drivesAction)
        {
            // The dominant adjustment was evaluated already; every other reason is evaluated from its largest adjustment at this place.
            var o = ReferenceEquals(item, dominant) ? dominantOutcome : RuleBook.Evaluate(item, ctx);
            return new LineDecision(item.LineIndex, item.Line?.Procedure, item.Line?.LineControlNumber, item.Adjustment.Group, item.Carc.Code.Code,
                placeItems.Where(x => x.SameReason(item)).Sum(x => x.Adjustment.Amount), o.Category, o.Action, o.Conclusion)
            {
                Evidence = o.Evidence,
                Corrections = o.Corrections ?? [],
                Enclosures = o.Enclosures ?? [],
                AuthorizationNumber = o.AuthorizationNumber,
                EarlierPayment = o.EarlierPayment,
                EarlierPaymentsChecked = o.Category == DenialCategory.Duplicate && RuleContext.EarlierPaymentsChecked(ctx.Records),
                DrivesAction = drivesAction,
                ClericalError = AsNeeded(o.ClericalError, ctx),
            };
        }
    }

    /// <summary>The deadline of the dominant outcome's clock; says so in the evidence when it cannot be counted or has passed.</summary>
    private static Deadline? DeadlineOf(RuleOutcome outcome, DenialItem dominant, RuleContext ctx, List<Evidence> evidence)
    {
        var (clock, action, goodCause) = (outcome.Clock, outcome.Action, outcome.ClericalError?.GoodCause);
        var (noticeDate, noticeSource) = NoticeDate(ctx.Tx, ctx.Today);
        Deadline? deadline = clock switch
        {
            Clock.Appeal => Deadlines.Appeal(noticeDate, noticeSource, ctx.PayerKind, ctx.Records.Payer, ctx.Today),
            Clock.Reopening => Deadlines.MedicareReopening(noticeDate, noticeSource, ctx.Today, goodCause),
            Clock.QioReconsideration => Deadlines.QioReconsideration(noticeDate, noticeSource, ctx.Today),
            Clock.OpenNegotiation => Deadlines.OpenNegotiation(noticeDate, noticeSource, ctx.Today),
            // A corrected claim runs on the payer's corrected-claim window (from the date of service or the processing date).
            Clock.TimelyFiling when action == ResolutionAction.CorrectedClaim && ctx.FilingDate(dominant) is { } dos =>
                Deadlines.CorrectedClaim(dos.Date, noticeDate, noticeSource, ctx.PayerKind, ctx.Records.Payer, ctx.Today, dos.Through),
            Clock.TimelyFiling when ctx.FilingDate(dominant) is { } from => Deadlines.TimelyFiling(from.Date, ctx.PayerKind, ctx.Records.Payer, ctx.Today, throughDate: from.Through),
            Clock.OtherPayerFiling when ctx.FilingDate(dominant) is { } from => OtherPayerFiling(from, outcome.OtherPayer, ctx),
            _ => null,
        };
        if (deadline is null && clock is Clock.TimelyFiling or Clock.OtherPayerFiling)
            evidence.Add(new Evidence("Date of service", false, "No date of service on the remittance or the records: the filing deadline cannot be counted."));
        if (deadline is { DaysLeft: < 0 })
            evidence.Add(DeadlinePassed(deadline));
        return deadline;
    }

    /// <summary>
    /// The other payer's own timely filing limit, from its profile when one is on file (a Medicare profile without a
    /// limit: 1 calendar year, 42 CFR 424.44); else the default commercial limit, which the deadline's source names —
    /// or its window from this remittance when that ends later (<see cref="Deadlines.AfterPriorPayer"/>).
    /// </summary>
    private static Deadline OtherPayerFiling((DateOnly Date, bool Through) from, Coverage? other, RuleContext ctx)
    {
        var profile = other is null ? null : ctx.Records.OtherPayerProfiles.FirstOrDefault(p => RuleContext.Ids.Equals(p.PayerId, other.PayerId));
        var filing = Deadlines.TimelyFiling(from.Date, profile?.PayerKind ?? PayerKind.Commercial, profile, ctx.Today, payerLabel: profile?.Name, throughDate: from.Through);
        // A window from this remittance is the next payer's, not a payer ahead of this one (COB: bill the primary first).
        if (other is null || !After(other, ctx)) return filing;
        var (notice, source) = NoticeDate(ctx.Tx, ctx.Today);
        return Deadlines.AfterPriorPayer(filing, notice, source, profile, ctx.PayerKind, ctx.Today);
    }

    /// <summary>Whether a coverage comes after this payer in the order of payment (<see cref="RuleContext.PaymentRank"/>).</summary>
    private static bool After(Coverage other, RuleContext ctx) => ctx.PaymentRank(other) > ctx.ThisPayerRank(ctx.Records.Coverages);

    /// <summary>Good cause is argued only when the reopening needs it: after the year for a reopening on request.</summary>
    private static ClericalError? AsNeeded(ClericalError? error, RuleContext ctx) =>
        error is { GoodCause: not null } e && !Deadlines.ReopeningNeedsGoodCause(NoticeDate(ctx.Tx, ctx.Today).Date, ctx.Today) ? e with { GoodCause = null } : error;

    /// <summary>
    /// The result under another clock (a later Medicare appeal level: <see cref="Deadlines.MedicareLevel"/>): the deadline,
    /// the urgency and score of the priority, and the passed-deadline evidence follow the new deadline, so the queue's
    /// ranking and its explanation do not keep the first level's clock.
    /// </summary>
    public ResearchResult WithDeadline(ResearchResult result, Deadline deadline)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(deadline);
        var evidence = result.Evidence.Where(e => e.Check != "Deadline").ToList();
        if (deadline.DaysLeft < 0)
            evidence.Add(DeadlinePassed(deadline));
        var priority = PriorityOf(result.Priority.Amount, _codes.Carc(result.Reason), result.Action, deadline);
        return result with { Deadline = deadline, Priority = priority, Evidence = evidence };
    }

    /// <summary>The result with another amount in dispute: the priority is counted on it.</summary>
    public ResearchResult WithAmount(ResearchResult result, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with { DeniedAmount = amount, Priority = PriorityOf(amount, _codes.Carc(result.Reason), result.Action, result.Deadline) };
    }

    /// <summary>
    /// The result as an appeal of this remittance's decision (<see cref="FollowUp"/>: what was sent before did not change
    /// it): the appeal clock from this notice, no clerical error to reopen, each line's reopening an appeal too.
    /// </summary>
    public ResearchResult AsAppeal(ResearchResult result, ClaimPayment claim, RemittanceTransaction tx, RecordsSnapshot records, Evidence why, string summary)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(tx);
        records ??= RecordsSnapshot.Empty;
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var (notice, source) = NoticeDate(tx, today);
        var deadline = Deadlines.Appeal(notice, source, PayerKindOf(claim, records).Kind, records.Payer, today);
        var appealed = result with
        {
            Action = ResolutionAction.Appeal,
            ClericalError = null,
            Lines = [.. result.Lines.Select(l => l.Action == ResolutionAction.RequestReopening ? l with { Action = ResolutionAction.Appeal, ClericalError = null } : l)],
            Evidence = [.. result.Evidence, why],
            Summary = summary,
        };
        return WithDeadline(appealed, deadline);
    }

    private static Evidence DeadlinePassed(Deadline deadline) =>
        new("Deadline", false, $"The deadline ({deadline.Rule}) passed on {deadline.Date:yyyy-MM-dd}.");

    private static ResearchResult Result(ClaimPayment claim, RecordsSnapshot records, DenialCategory category, ResolutionAction action, string group, string reason,
        IReadOnlyList<string> remarks, decimal denied, Deadline? deadline, Priority priority, IReadOnlyList<LineDecision> lines, IReadOnlyList<Evidence> evidence,
        IReadOnlyList<string> corrections, IReadOnlyList<string> enclosures, ClaimElement? missing, string summary, DateTimeOffset now) => new()
    {
        PatientControlNumber = claim.PatientControlNumber,
        PayerClaimNumber = claim.PayerClaimControlNumber,
        MatchedClaimId = records.Claim?.ClaimId,
        Category = category,
        Action = action,
        Group = group,
        Reason = reason,
        Remarks = remarks,
        DeniedAmount = denied,
        Deadline = deadline,
        Priority = priority,
        Lines = lines,
        Evidence = evidence,
        Corrections = corrections,
        Enclosures = enclosures,
        MissingElement = missing,
        Summary = summary,
        ResearchedAt = now,
    };

    private static (PayerKind Kind, string Source) PayerKindOf(ClaimPayment claim, RecordsSnapshot records)
    {
        if (records.Payer is { } p) return (p.PayerKind, $"payer profile {p.PayerId}");
        return claim.FilingIndicator switch
        {
            "MA" or "MB" => (PayerKind.Medicare, $"claim filing indicator {claim.FilingIndicator}"),
            "MC" => (PayerKind.Medicaid, "claim filing indicator MC"),
            "16" => (PayerKind.MedicareAdvantage, "claim filing indicator 16"),
            null => (PayerKind.Commercial, "no payer profile or filing indicator: commercial assumed"),
            _ => (PayerKind.Commercial, $"claim filing indicator {claim.FilingIndicator}"),
        };
    }

    private static (DateOnly Date, string Source) NoticeDate(RemittanceTransaction tx, DateOnly today) =>
        tx.PaymentDate is { } pay ? (pay, "payment date BPR16")
        : tx.ProductionDate is { } prod ? (prod, Denials.CsvDenialReportReader.IsCsv(tx) ? "the CSV report's remittance (denial) date" : "production date DTM*405")
        : (today, "the remittance carries no date: counted from the day it was researched");

    /// <summary>Tie-break when two adjustments have the same amount: the one harder to recover alone wins attention first.</summary>
    private static int Severity(DenialCategory category) => category switch
    {
        DenialCategory.TimelyFiling => 0,
        DenialCategory.Authorization => 1,
        DenialCategory.MedicalNecessity => 2,
        DenialCategory.Eligibility => 3,
        DenialCategory.CoordinationOfBenefits => 4,
        DenialCategory.ProviderEnrollment => 5,
        DenialCategory.Coding => 6,
        DenialCategory.Bundling => 7,
        DenialCategory.MissingInformation => 8,
        DenialCategory.Duplicate => 9,
        DenialCategory.NonCovered => 10,
        DenialCategory.Other => 11,
        DenialCategory.PatientResponsibility => 12,
        _ => 13,
    };

    private static Priority PriorityOf(decimal amount, CarcInfo carc, ResolutionAction action, Deadline? deadline)
    {
        var likelihood = action is ResolutionAction.WriteOff or ResolutionAction.NoAction ? 0m : carc.RecoveryLikelihood;
        var (urgency, why) = deadline switch
        {
            null => (1.0m, "no filing deadline"),
            { DaysLeft: < 0 } => (0m, "the deadline has passed"),
            { DaysLeft: <= 7 } => (3.0m, $"{deadline.DaysLeft} day(s) left (≤ 7)"),
            { DaysLeft: <= 14 } => (2.0m, $"{deadline.DaysLeft} days left (≤ 14)"),
            { DaysLeft: <= 30 } => (1.5m, $"{deadline.DaysLeft} days left (≤ 30)"),
            _ => (1.0m, $"{deadline.DaysLeft} days left"),
        };
        var score = Math.Round(amount * likelihood * urgency, 2, MidpointRounding.AwayFromZero);
        var likelihoodWhy = likelihood == 0m && carc.RecoveryLikelihood > 0m ? $"0 ({Words(action)}: nothing to recover)" : $"{likelihood:0.00} (CARC {carc.Code})";
        return new Priority(score, amount, likelihood, urgency,
            $"{Money(amount)} denied × recovery likelihood {likelihoodWhy} × urgency {urgency:0.0} ({why}) = {score:0.00}.");
    }

    private static string DescribeAdjustments(IReadOnlyList<DenialItem> items, (string Group, string Code) dominant, bool several)
    {
        var parts = items
            .GroupBy(x => (x.Adjustment.Group, x.Carc.Code.Code))
            .Select(g => $"{g.Key.Group}-{g.Key.Code} {Money(g.Sum(x => x.Adjustment.Amount))}" + (g.Any(x => x.LineIndex is not null)
                ? " on line(s) " + string.Join(", ", g.Where(x => x.LineIndex is not null).Select(x => x.LineIndex!.Value + 1).Distinct())
                : " at claim level"));
        var tail = several ? $"; {dominant.Group}-{dominant.Code} is dominant (largest amount among the denial adjustments, then severity)." : ".";
        return "Adjustments: " + string.Join("; ", parts) + tail;
    }

    /// <summary>The evidence line for how the records were tied (found = a patient was tied without ambiguity).</summary>
    private static Evidence LinkEvidence(PatientLink link) => new(PatientLink.Check, link.PatientIds.Count > 0, link.Explanation);
}
