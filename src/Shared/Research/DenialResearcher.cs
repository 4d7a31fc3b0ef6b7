using System.Globalization;
using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Research;

/// <summary>
/// Decides what to do with one denied claim: finds the dominant adjustment, checks the records the
/// adjustment's category calls for, and gives the category, action, a decision per denial reason on each
/// line, evidence, deadline and priority. Pure: everything it needs comes in as arguments; time only from the TimeProvider.
/// The rule table is in docs/research.md.
/// </summary>
public sealed class DenialResearcher
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;
    private static readonly string[] DistinctModifiers = ["59", "XE", "XS", "XP", "XU"];
    private static readonly string[] RepeatModifiers = ["76", "77", "59", "XE", "XS", "XP", "XU"];

    private readonly CodeBook _codes;
    private readonly TimeProvider _time;

    public DenialResearcher(CodeBook codes, TimeProvider time)
    {
        _codes = codes ?? throw new ArgumentNullException(nameof(codes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>When the next step is due: which clock the rule's action runs on.</summary>
    private enum Clock { None, Appeal, TimelyFiling, OtherPayerFiling }

    /// <summary>One adjustment with its line context.</summary>
    private sealed record Item(Adjustment Adjustment, int? LineIndex, ServiceLine? Line, SubmittedLine? Submitted, CarcInfo Carc, GroupCodeInfo Group);

    /// <summary>What a rule concluded for one item.</summary>
    private sealed record Outcome(
        DenialCategory Category,
        ResolutionAction Action,
        Clock Clock,
        string Conclusion,
        IReadOnlyList<Evidence> Evidence,
        IReadOnlyList<string>? Corrections = null,
        IReadOnlyList<string>? Enclosures = null,
        ClaimElement? Missing = null,
        decimal? RecoverableAmount = null,
        string? AuthorizationNumber = null,
        PaidService? EarlierPayment = null);

    /// <summary>Everything a rule may read.</summary>
    private sealed record Context(
        ClaimPayment Claim,
        RemittanceTransaction Tx,
        RecordsSnapshot Records,
        PayerKind PayerKind,
        DateOnly Today,
        IReadOnlyList<RarcInfo> Remarks,
        IReadOnlyList<LineMatch> LineMatches);

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

        // Match lines to the submitted claim.
        IReadOnlyList<LineMatch> matches = [];
        if (records.Claim is { } submitted)
        {
            matches = ClaimMatcher.MatchLines(claim, submitted);
            var unmatched = matches.Count(m => m.Submitted is null);
            evidence.Add(new Evidence("Submitted claim", true,
                $"Submitted claim {submitted.ClaimId} is on file; {matches.Count - unmatched} of {matches.Count} remittance lines tie to submitted lines" +
                (unmatched > 0 ? $" ({unmatched} could not be tied)." : ".")));
        }
        else
        {
            evidence.Add(new Evidence("Submitted claim", false, $"No submitted claim is on file for patient control number {claim.PatientControlNumber}: checks that need it are limited."));
        }

        var remarks = claim.Remarks.Concat(claim.Lines.SelectMany(l => l.Remarks)).Distinct(Ids).ToList();
        var remarkInfos = remarks.Select(_codes.Rarc).ToList();
        var context = new Context(claim, tx, records, kind, today, remarkInfos, matches);

        // Items: every adjustment with an amount, with its line.
        var items = new List<Item>();
        foreach (var a in claim.Adjustments.Where(a => a.Amount != 0m))
            items.Add(new Item(a, null, null, null, _codes.Carc(a.Reason), _codes.Group(a.Group)));
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var submittedLine = matches.Count > i ? matches[i].Submitted : null;
            foreach (var a in claim.Lines[i].Adjustments.Where(a => a.Amount != 0m))
                items.Add(new Item(a, i, claim.Lines[i], submittedLine, _codes.Carc(a.Reason), _codes.Group(a.Group)));
        }

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
            return Result(claim, records, DenialCategory.Other, ResolutionAction.ManualReview, "", "", remarks, 0m, null,
                new Priority(0m, 0m, 0m, 1m, "No adjusted amount."), [], evidence, [], [], null,
                "No adjustment with an amount: review the remittance by hand.", now);
        }

        // Dominant adjustment: workable (denial) adjustments first, then the largest total by group+reason, then severity.
        var workable = items.Where(x => DenialRules.IsWorkable(x.Adjustment)).ToList();
        var pool = workable.Count > 0 ? workable : items.Where(x => x.Adjustment.Amount > 0m).DefaultIfEmpty(items[0]).ToList();
        var groups = pool
            .GroupBy(x => (x.Adjustment.Group, x.Carc.Code.Code))
            .Select(g => (g.Key, Total: g.Sum(x => x.Adjustment.Amount), Items: g.OrderByDescending(x => x.Adjustment.Amount).ToList()))
            .OrderByDescending(g => g.Total)
            .ThenBy(g => Severity(g.Items[0].Carc.Category))
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .ToList();
        var dominant = groups[0];
        evidence.Add(new Evidence("Adjustments", true, DescribeAdjustments(items, dominant.Key, groups.Count > 1)));
        foreach (var r in remarkInfos)
            evidence.Add(new Evidence($"Remark {r.Code}", r.Known, r.Known ? $"{r.Code}{(r.Alert ? " (alert, informational)" : "")}: {r.Text}" : $"Remark {r.Code} is not in the code book."));

        var outcome = Evaluate(dominant.Items[0], context);
        evidence.AddRange(outcome.Evidence);

        // Per-place decisions (a place is a line, or the claim level): one for every denial reason there, each evaluated by
        // the same rules as the dominant one and carrying its own facts, so a letter can argue every reason on a line from
        // what research found for it. One decision per place drives the place's action (the letter planner reads only
        // those): the place's largest workable adjustment, as when research made one decision per line, so the letters
        // planned for a case do not change with the number of reasons a line carries. PR and plain contractual
        // adjustments get no decision of their own; only when nothing on a place is workable does its largest one drive it.
        var decisions = new List<LineDecision>();
        foreach (var place in items.GroupBy(x => x.LineIndex).OrderBy(g => g.Key ?? -1))
        {
            var placeItems = place.ToList();
            var placeWorkable = placeItems.Where(x => DenialRules.IsWorkable(x.Adjustment)).ToList();
            var top = (placeWorkable.Count > 0 ? placeWorkable : placeItems)
                .OrderByDescending(x => x.Adjustment.Amount).ThenBy(x => Severity(x.Carc.Category)).First();
            decisions.Add(Decision(top, placeItems, drivesAction: true));
            var others = placeWorkable
                .Where(x => !SameReason(x, top))
                .GroupBy(x => (x.Adjustment.Group, x.Carc.Code.Code))
                .Select(g => (Total: g.Sum(x => x.Adjustment.Amount), Largest: g.OrderByDescending(x => x.Adjustment.Amount).First()))
                .OrderByDescending(g => g.Total)
                .ThenBy(g => Severity(g.Largest.Carc.Category))
                .ThenBy(g => g.Largest.Adjustment.Group, StringComparer.Ordinal)
                .ThenBy(g => g.Largest.Carc.Code.Code, StringComparer.Ordinal);
            foreach (var other in others)
                decisions.Add(Decision(other.Largest, placeItems, drivesAction: false));
        }

        LineDecision Decision(Item item, List<Item> placeItems, bool drivesAction)
        {
            // The dominant adjustment was evaluated above; every other reason is evaluated from its largest adjustment at this place.
            var o = ReferenceEquals(item, dominant.Items[0]) ? outcome : Evaluate(item, context);
            return new LineDecision(item.LineIndex, item.Line?.Procedure, item.Line?.LineControlNumber, item.Adjustment.Group, item.Carc.Code.Code,
                placeItems.Where(x => SameReason(x, item)).Sum(x => x.Adjustment.Amount), o.Category, o.Action, o.Conclusion)
            {
                Evidence = o.Evidence,
                Corrections = o.Corrections ?? [],
                Enclosures = o.Enclosures ?? [],
                AuthorizationNumber = o.AuthorizationNumber,
                EarlierPayment = o.EarlierPayment,
                EarlierPaymentsChecked = o.Category == DenialCategory.Duplicate && EarlierPaymentsChecked(records),
                DrivesAction = drivesAction,
            };
        }

        var deniedAmount = outcome.RecoverableAmount
            ?? (workable.Count > 0 ? workable.Sum(x => x.Adjustment.Amount) : dominant.Total);

        var (noticeDate, noticeSource) = NoticeDate(tx, today);
        Deadline? deadline = outcome.Clock switch
        {
            Clock.Appeal => Deadlines.Appeal(noticeDate, noticeSource, kind, records.Payer, today),
            Clock.TimelyFiling when ServiceDate(dominant.Items[0], context) is { } dos => Deadlines.TimelyFiling(dos, kind, records.Payer, today),
            Clock.OtherPayerFiling when ServiceDate(dominant.Items[0], context) is { } dos => Deadlines.TimelyFiling(dos, PayerKind.Commercial, null, today),
            _ => null,
        };
        if (deadline is null && outcome.Clock is Clock.TimelyFiling or Clock.OtherPayerFiling)
            evidence.Add(new Evidence("Date of service", false, "No date of service on the remittance or the records: the filing deadline cannot be counted."));
        if (deadline is { DaysLeft: < 0 })
            evidence.Add(DeadlinePassed(deadline));

        var priority = PriorityOf(deniedAmount, dominant.Items[0].Carc, outcome.Action, deadline);
        return Result(claim, records, outcome.Category, outcome.Action, dominant.Key.Group, dominant.Key.Code, remarks, deniedAmount, deadline,
            priority, decisions, evidence, outcome.Corrections ?? [], outcome.Enclosures ?? [], outcome.Missing, outcome.Conclusion, now) with
        {
            AuthorizationNumber = outcome.AuthorizationNumber,
            EarlierPayment = outcome.EarlierPayment,
            EarlierPaymentsChecked = outcome.Category == DenialCategory.Duplicate && EarlierPaymentsChecked(records),
        };
    }

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

    // ----- rules, one per category (the CARC → category mapping is data: Codes/Data/carc.csv) -----

    private Outcome Evaluate(Item item, Context ctx)
    {
        if (!item.Carc.Known)
            return new Outcome(DenialCategory.Other, ResolutionAction.ManualReview, Clock.Appeal,
                $"{Label(item)} is not in the code book: review it by hand.",
                [new Evidence("Code book", false, $"CARC {item.Carc.Code} is unknown to the code book; no rule applies, so a coder decides.")]);

        if (item.Group.Code.Code == "PR" && item.Carc.Category is DenialCategory.PatientResponsibility or DenialCategory.NonCovered)
            return PatientResponsibility(item);

        return item.Carc.Category switch
        {
            DenialCategory.Authorization => Authorization(item, ctx),
            DenialCategory.TimelyFiling => TimelyFiling(item, ctx),
            DenialCategory.MissingInformation => MissingInformation(item, ctx),
            DenialCategory.Duplicate => Duplicate(item, ctx),
            DenialCategory.Eligibility or DenialCategory.CoordinationOfBenefits => Coverage(item, ctx),
            DenialCategory.MedicalNecessity => MedicalNecessity(item, ctx),
            DenialCategory.Coding => Coding(item, ctx),
            DenialCategory.Bundling => Bundling(item, ctx),
            DenialCategory.ProviderEnrollment => ProviderEnrollment(item, ctx),
            DenialCategory.PatientResponsibility => item.Group.PatientMayBeBilled ? PatientResponsibility(item) : NotPatientBillable(item),
            DenialCategory.Contractual => Contractual(item, ctx),
            DenialCategory.NonCovered => NonCovered(item),
            _ => new Outcome(item.Carc.Category, item.Carc.DefaultAction, ClockFor(item.Carc.DefaultAction),
                $"{Label(item)}: {item.Carc.Description} Usual route: {Words(item.Carc.DefaultAction)}.",
                [new Evidence("Rule", false, $"No records check applies to {Label(item)}; the code book's usual route is {Words(item.Carc.DefaultAction)}.")]),
        };
    }

    private static Outcome Authorization(Item item, Context ctx)
    {
        var dos = ServiceDate(item, ctx);
        var procedures = Procedures(item, ctx);
        var payerIds = PayerIds(ctx);
        var candidates = ctx.Records.Authorizations.Where(a => a.PayerId is null || payerIds.Count == 0 || payerIds.Contains(a.PayerId)).ToList();
        var match = dos is null ? null : candidates.FirstOrDefault(a => a.Covers(dos.Value) && procedures.All(a.CoversProcedure));
        var what = $"{string.Join(", ", procedures.DefaultIfEmpty("the service"))} on {Date(dos)}";
        if (match is not null)
        {
            var carried = ctx.Records.Claim?.PriorAuthorizationNumber;
            var onClaim = carried is null ? " The claim as submitted did not carry the number (REF*G1): cite it in the appeal."
                : Ids.Equals(carried, match.Number) ? " The claim carried the same number." : $" The claim carried a different number ({carried}).";
            return new Outcome(DenialCategory.Authorization, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {Label(item)}: authorization {match.Number} covers {what}.",
                [new Evidence("Authorization on file", true, $"Authorization {match.Number} covers {what} (valid {Date(match.PeriodStart)} to {Date(match.PeriodEnd)}).{onClaim}")],
                Enclosures: [$"Copy of authorization {match.Number} ({Date(match.PeriodStart)} to {Date(match.PeriodEnd)})"], AuthorizationNumber: match.Number);
        }
        var near = candidates.FirstOrDefault(a => procedures.Any(a.CoversProcedure));
        var nearNote = near is null ? "" : $" Authorization {near.Number} is on file but covers {Date(near.PeriodStart)} to {Date(near.PeriodEnd)}" + (near.ProcedureCodes.Count > 0 ? $" for {string.Join(", ", near.ProcedureCodes)}." : ".");
        return new Outcome(DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, Clock.Appeal,
            $"Request a retro-authorization for {what}: no authorization on file covers it ({Label(item)}).",
            [new Evidence("Authorization on file", false, $"No authorization on file covers {what}.{nearNote}")]);
    }

    private static Outcome TimelyFiling(Item item, Context ctx)
    {
        var claimIds = new[] { ctx.Claim.PatientControlNumber, ctx.Records.Claim?.ClaimId }.Where(x => x is not null).ToHashSet(Ids);
        var payerIds = PayerIds(ctx);
        var forClaim = ctx.Records.SubmissionProofs.Where(p => claimIds.Contains(p.ClaimId)).OrderBy(p => p.AcceptedDate).ToList();
        // An acceptance by another payer proves the claim was filed there, not with this payer: it does not count here.
        var proofs = forClaim.Where(p => p.PayerId is null || payerIds.Count == 0 || payerIds.Contains(p.PayerId)).ToList();
        var elsewhere = forClaim.Except(proofs).ToList();
        if (ctx.PayerKind == PayerKind.Medicare)
        {
            var proofNote = proofs.Count > 0 ? $" Acceptance on {proofs[0].AcceptedDate:yyyy-MM-dd} ({Source(proofs[0].Source)}) is on file, but it does not reopen appeal rights." : "";
            return new Outcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {Label(item)}: Medicare timely filing denials cannot be appealed.",
                [new Evidence("Medicare timely filing", proofs.Count > 0, "Medicare does not allow an appeal of a timely filing denial (no appeal rights); the amount is written off." + proofNote)]);
        }
        var dos = ServiceDate(item, ctx);
        if (proofs.Count == 0 && elsewhere.Count > 0)
        {
            var other = elsewhere[0];
            return new Outcome(DenialCategory.TimelyFiling, ResolutionAction.ManualReview, Clock.Appeal,
                $"Review {Label(item)} by hand: the only acceptance on file is by payer {other.PayerId}, not this payer.",
                [new Evidence("Proof of timely submission", false, $"Claim {other.ClaimId} was accepted on {other.AcceptedDate:yyyy-MM-dd} ({Source(other.Source)}) by payer {other.PayerId}, not by this payer: that proves filing with another payer; check whether this payer accepts it before appealing or writing off.")]);
        }
        if (proofs.Count == 0)
            return new Outcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                $"Write off {Label(item)}: no proof of timely submission is on file.",
                [new Evidence("Proof of timely submission", false, $"No 999/277CA acceptance or clearinghouse report is on file for claim {ctx.Claim.PatientControlNumber}.")]);
        var proof = proofs[0];
        if (dos is { } d)
        {
            var limit = Deadlines.TimelyFiling(d, ctx.PayerKind, ctx.Records.Payer, ctx.Today);
            if (proof.AcceptedDate > limit.Date)
                return new Outcome(DenialCategory.TimelyFiling, ResolutionAction.WriteOff, Clock.None,
                    $"Write off {Label(item)}: the first acceptance on file came after the filing limit.",
                    [new Evidence("Proof of timely submission", false, $"The first acceptance on file is {proof.AcceptedDate:yyyy-MM-dd} ({Source(proof.Source)}), after the filing limit of {limit.Date:yyyy-MM-dd} ({limit.Rule}).")]);
        }
        var reference = proof.Reference is null ? "" : $", reference {proof.Reference}";
        return new Outcome(DenialCategory.TimelyFiling, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {Label(item)} with proof of timely submission: accepted {proof.AcceptedDate:yyyy-MM-dd} ({Source(proof.Source)}).",
            [new Evidence("Proof of timely submission", true, $"Claim {proof.ClaimId} was accepted on {proof.AcceptedDate:yyyy-MM-dd} ({Source(proof.Source)}{reference}), within the filing limit.")],
            Enclosures: [$"{Source(proof.Source)} acceptance dated {proof.AcceptedDate:yyyy-MM-dd}{reference}"]);
    }

    private Outcome MissingInformation(Item item, Context ctx)
    {
        var named = ctx.Remarks.Where(r => !r.Alert && r.MissingElement is not null).ToList();
        var evidence = new List<Evidence>();
        var unprocessable = ctx.Remarks.Any(r => r.Code.Code == "MA130");
        if (unprocessable)
            evidence.Add(new Evidence("MA130", true, "MA130: the claim was returned as unprocessable, which has no appeal rights: send a corrected claim, not an appeal."));
        if (named.Count == 0)
        {
            var action = item.Carc.DefaultAction == ResolutionAction.CorrectedClaim ? ResolutionAction.ManualReview : item.Carc.DefaultAction;
            evidence.Add(new Evidence("Missing element", false, $"{Label(item)} arrived without a remark code that names the missing element; {Words(action)}."));
            // MA130: no appeal rights, so the only clock left is the one for a new (corrected) claim: timely filing.
            return new Outcome(DenialCategory.MissingInformation, action, unprocessable ? Clock.TimelyFiling : ClockFor(action),
                $"{Label(item)}: the remittance does not say what is missing; {Words(action)}" + (unprocessable ? " (MA130: unprocessable, resubmit within timely filing)." : "."), evidence);
        }
        var corrections = new List<string>();
        var missing = new List<(RarcInfo Remark, ClaimElement Element)>();
        foreach (var r in named)
        {
            var element = r.MissingElement!.Value;
            var found = ElementValue(element, item, ctx);
            if (found is { } f)
            {
                corrections.Add($"Supply {Words(element)}{(f.Value is null ? "" : " " + f.Value)} ({f.Source})");
                evidence.Add(new Evidence($"{Words(element)} in the records", true, $"Remark {r.Code} names {Words(element)}; the records hold it ({f.Source}){(f.Value is null ? "" : ": " + f.Value)}."));
            }
            else
            {
                missing.Add((r, element));
                evidence.Add(new Evidence($"{Words(element)} in the records", false, $"Remark {r.Code} names {Words(element)}; the records do not hold it."));
            }
        }
        if (missing.Count > 0)
            return new Outcome(DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider for {string.Join(" and ", missing.Select(m => Words(m.Element)))}: the payer needs it ({Label(item)}, {string.Join(", ", missing.Select(m => m.Remark.Code.Code))}) and the records lack it.",
                evidence, corrections, Missing: missing[0].Element);
        return new Outcome(DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Send a corrected claim (frequency 7{(ctx.Claim.PayerClaimControlNumber is { } icn ? " with original reference " + icn : "")}): {string.Join("; ", corrections)}.",
            evidence, corrections, Missing: named[0].MissingElement);
    }

    private static Outcome Duplicate(Item item, Context ctx)
    {
        var dos = ServiceDate(item, ctx);
        var procedures = Procedures(item, ctx);
        var paid = dos is null ? null : ctx.Records.EarlierPaidServices.FirstOrDefault(p =>
            p.Paid > 0m && p.ServiceDate == dos && procedures.Contains(p.Procedure, Ids) &&
            !(Ids.Equals(p.ClaimId, ctx.Claim.PatientControlNumber) && Ids.Equals(p.PayerClaimNumber, ctx.Claim.PayerClaimControlNumber)));
        var modifiers = item.Submitted?.Modifiers ?? item.Line?.Modifiers ?? [];
        var repeat = modifiers.FirstOrDefault(m => RepeatModifiers.Contains(m, Ids));
        var what = $"{string.Join(", ", procedures.DefaultIfEmpty("the service"))} on {Date(dos)}";
        if (paid is not null && repeat is null)
            return new Outcome(DenialCategory.Duplicate, ResolutionAction.NoAction, Clock.None,
                $"No action on {Label(item)}: claim {paid.ClaimId} was already paid for {what}.",
                [new Evidence("Earlier paid claim", true, $"Claim {paid.ClaimId}{(paid.PayerClaimNumber is null ? "" : $" (payer claim {paid.PayerClaimNumber})")} paid {Money(paid.Paid)} for {paid.Procedure} on {paid.ServiceDate:yyyy-MM-dd}{(paid.PaidDate is { } pd ? $" on {pd:yyyy-MM-dd}" : "")}: this is a true duplicate.")],
                EarlierPayment: paid);
        if (paid is not null)
            return new Outcome(DenialCategory.Duplicate, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {Label(item)}: the service was billed with modifier {repeat} as a separate service from the one paid on claim {paid.ClaimId}.",
                [new Evidence("Earlier paid claim", true, $"Claim {paid.ClaimId} paid {Money(paid.Paid)} for {paid.Procedure} on {paid.ServiceDate:yyyy-MM-dd}, but this line carried modifier {repeat}, which marks a distinct or repeat service.")],
                Enclosures: ["Documentation showing the service was distinct (separate session, site or practitioner)"], EarlierPayment: paid);
        if (EarlierPaymentsChecked(ctx.Records))
            return new Outcome(DenialCategory.Duplicate, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {Label(item)}: no earlier paid claim for {what} is on file.",
                [new Evidence("Earlier paid claim", false, $"No earlier paid claim for {what} is on file: the remittances received from this payer for this patient show no payment for it.")],
                Enclosures: ["Copy of the claim and the remittance showing no earlier payment for the service"]);
        // Nothing to look in (no member id or date on the remittance or the claim): say so, and claim nothing.
        return new Outcome(DenialCategory.Duplicate, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {Label(item)}: ask the payer to name the claim it duplicates; earlier payments for {what} could not be checked.",
            [new Evidence("Earlier paid claim", false, $"Earlier payments for {what} could not be checked (no member id, payer or date of service to look them up by): verify in the payer portal before appealing.")],
            Enclosures: ["Copy of the claim as submitted"]);
    }

    /// <summary>Whether earlier payments were looked up (a snapshot that holds some was, by definition).</summary>
    private static bool EarlierPaymentsChecked(RecordsSnapshot records) => records.EarlierPaymentsChecked || records.EarlierPaidServices.Count > 0;

    private static Outcome Coverage(Item item, Context ctx)
    {
        var category = item.Carc.Category;
        var dos = ServiceDate(item, ctx);
        if (dos is null)
            return new Outcome(category, ResolutionAction.ManualReview, Clock.Appeal, $"{Label(item)}: no date of service to check coverage against.",
                [new Evidence("Coverage on the date of service", false, "No date of service on the remittance or the records.")]);
        var payerIds = PayerIds(ctx);
        var active = ctx.Records.Coverages.Where(c => c.ActiveOn(dos.Value)).OrderBy(c => c.Order).ToList();
        var mine = active.Where(c => IsThisPayer(c, payerIds, ctx)).ToList();
        var others = active.Where(c => !IsThisPayer(c, payerIds, ctx)).ToList();
        if (category == DenialCategory.CoordinationOfBenefits && mine.Count > 0)
        {
            // COB: only a payer ahead of this one in the order is the one to bill first.
            var myOrder = mine.Min(c => c.Order);
            var behind = others.Where(c => c.Order >= myOrder).ToList();
            others = others.Where(c => c.Order < myOrder).ToList();
            if (others.Count == 0 && behind.Count > 0)
            {
                var b = behind[0];
                return new Outcome(category, ResolutionAction.Appeal, Clock.Appeal,
                    $"Appeal {Label(item)}: the records show this payer ahead of {b.PayerName ?? b.PayerId} on {dos:yyyy-MM-dd}; confirm the order with the patient first.",
                    [new Evidence("Coverage order on the date of service", true, $"This payer's coverage is {myOrder} on {dos:yyyy-MM-dd}; {b.PayerName ?? b.PayerId} is {b.Order}: the records do not show another payer as primary.")],
                    Enclosures: ["Coordination of benefits information from the patient (other coverage and its order)"]);
            }
        }
        if (others.Count > 0)
        {
            var o = others[0];
            return new Outcome(category, ResolutionAction.BillOtherPayer, Clock.OtherPayerFiling,
                $"Bill {o.PayerName ?? o.PayerId} ({o.Order.ToString().ToLowerInvariant()}): its coverage was active on {dos:yyyy-MM-dd} ({Label(item)}).",
                [new Evidence("Coverage on the date of service", true, $"Coverage with {o.PayerName ?? o.PayerId} ({o.Order}) was active on {dos:yyyy-MM-dd} (from {Date(o.PeriodStart)} to {Date(o.PeriodEnd)}).")]);
        }
        if (mine.Count > 0)
        {
            var m = mine[0];
            var submittedMember = ctx.Records.Claim?.Patient.MemberId ?? ctx.Records.Claim?.Subscriber?.MemberId;
            if (item.Carc.Element == ClaimElement.MemberId && m.MemberId is not null && !Ids.Equals(m.MemberId, submittedMember))
                return new Outcome(category, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                    $"Send a corrected claim with the member id from the coverage on file ({Label(item)}).",
                    [new Evidence("Coverage on the date of service", true, $"Coverage with this payer was active on {dos:yyyy-MM-dd}, and its member id differs from the one on the claim.")],
                    ["Replace the member id with the one on the coverage record"], Missing: ClaimElement.MemberId);
            return new Outcome(category, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {Label(item)}: the records show this payer's coverage active on {dos:yyyy-MM-dd} and no other coverage.",
                [new Evidence("Coverage on the date of service", true, $"Coverage with {m.PayerName ?? m.PayerId} ({m.Order}) was active on {dos:yyyy-MM-dd} (from {Date(m.PeriodStart)} to {Date(m.PeriodEnd)}); no other payer's coverage is on file for that date.")],
                Enclosures: ["Eligibility verification for the date of service"]);
        }
        var ended = ctx.Records.Coverages.Where(c => c.PeriodEnd < dos).OrderByDescending(c => c.PeriodEnd).FirstOrDefault();
        var note = ended is null ? "" : $" The latest coverage on file ({ended.PayerName ?? ended.PayerId}) ended {Date(ended.PeriodEnd)}.";
        return new Outcome(category, ResolutionAction.BillPatient, Clock.None,
            $"Bill the patient: no coverage on file was active on {dos:yyyy-MM-dd} ({Label(item)}); ask the patient for any other insurance first.",
            [new Evidence("Coverage on the date of service", false, $"No coverage on file was active on {dos:yyyy-MM-dd}.{note}")]);
    }

    private static Outcome MedicalNecessity(Item item, Context ctx)
    {
        var dos = ServiceDate(item, ctx);
        var encounter = dos is null ? null : ctx.Records.Encounters.Where(e => e.Covers(dos.Value)).OrderByDescending(e => e.DocumentationPresent).FirstOrDefault();
        if (encounter is not { DocumentationPresent: true })
            return new Outcome(DenialCategory.MedicalNecessity, ResolutionAction.ProviderQuery, Clock.Appeal,
                $"Ask the provider for the documentation of {Date(dos)}: an appeal of {Label(item)} needs it and the chart has none on file.",
                [new Evidence("Encounter documentation", false, encounter is null
                    ? $"No encounter is on file for {Date(dos)}."
                    : $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} has no documentation on file.")],
                Missing: null);
        var enclosures = new List<string>(encounter.Documents.Count > 0 ? encounter.Documents : ["Encounter documentation"]);
        enclosures.Add("Letter of medical necessity from the rendering provider");
        if (ctx.Remarks.Any(r => r.Code.Code == "N115")) enclosures.Add("The criteria of the Local Coverage Determination cited (N115), point by point");
        else if (ctx.Remarks.Any(r => r.Code.Code == "N386")) enclosures.Add("The criteria of the National Coverage Determination cited (N386), point by point");
        else enclosures.Add("The payer's medical policy criteria, point by point");
        var dx = ctx.Records.Claim?.DiagnosisCodes ?? [];
        var undocumented = encounter.DiagnosisCodes.Except(dx, Ids).ToList();
        var evidence = new List<Evidence>
        {
            new("Encounter documentation", true, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} has {encounter.Documents.Count} document(s) on file to enclose."),
        };
        if (dx.Count > 0 && undocumented.Count > 0)
            evidence.Add(new Evidence("Diagnoses", true, $"The encounter documents diagnosis code(s) {string.Join(", ", undocumented)} that the claim did not carry: review whether they support the service."));
        return new Outcome(DenialCategory.MedicalNecessity, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {Label(item)} with the encounter documentation of {encounter.Date:yyyy-MM-dd} and a letter of medical necessity.",
            evidence, Enclosures: enclosures);
    }

    private static Outcome Coding(Item item, Context ctx)
    {
        var element = item.Carc.Element ?? ClaimElement.ProcedureCode;
        var dos = ServiceDate(item, ctx);
        var encounter = dos is null ? null : ctx.Records.Encounters.FirstOrDefault(e => e.Covers(dos.Value) && e.DocumentationPresent);
        var lineLabel = LineLabel(item);
        if (element is ClaimElement.Modifier && item.Submitted is { } s && item.Line is { } l)
        {
            var dropped = s.Modifiers.Except(l.Modifiers, Ids).ToList();
            if (dropped.Count > 0)
                return new Outcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
                    $"Appeal {Label(item)}: the payer processed {lineLabel} without modifier {string.Join(", ", dropped)} that the claim carried.",
                    [new Evidence("Modifiers as submitted", true, $"{lineLabel} was submitted with modifier(s) {string.Join(", ", s.Modifiers)}; the remittance shows {(l.Modifiers.Count == 0 ? "none" : string.Join(", ", l.Modifiers))}.")],
                    Enclosures: ["Copy of the claim as submitted showing the modifier"]);
        }
        if (encounter is null)
            return new Outcome(DenialCategory.Coding, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider to clarify the documentation for {lineLabel}: {Label(item)} needs a coding review and no documentation is on file.",
                [new Evidence("Encounter documentation", false, $"No documented encounter is on file for {Date(dos)} to review the {Words(element)} against.")], Missing: element);
        if (element is ClaimElement.DiagnosisCode)
        {
            var onClaim = (item.Submitted?.DiagnosisCodes.Count > 0 ? item.Submitted.DiagnosisCodes : ctx.Records.Claim?.DiagnosisCodes) ?? [];
            var documented = encounter.DiagnosisCodes.Except(onClaim, Ids).ToList();
            if (documented.Count > 0)
                return new Outcome(DenialCategory.Coding, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                    $"Send a corrected claim adding diagnosis {string.Join(", ", documented)} documented on {encounter.Date:yyyy-MM-dd} ({Label(item)}).",
                    [new Evidence("Diagnoses documented", true, $"Encounter {encounter.Id} documents diagnosis code(s) {string.Join(", ", documented)} that the claim did not carry (claim: {(onClaim.Count == 0 ? "none" : string.Join(", ", onClaim))}).")],
                    [$"Add diagnosis {string.Join(", ", documented)} and point {lineLabel} to it"], Missing: element);
            return new Outcome(DenialCategory.Coding, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {Label(item)} with the records: the claim's diagnoses are the ones documented on {encounter.Date:yyyy-MM-dd}.",
                [new Evidence("Diagnoses documented", true, $"Encounter {encounter.Id} documents the same diagnosis codes the claim carried ({string.Join(", ", onClaim)}).")],
                Enclosures: [.. encounter.Documents]);
        }
        return new Outcome(DenialCategory.Coding, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Review the {Words(element)} of {lineLabel} against the documentation of {encounter.Date:yyyy-MM-dd} and send a corrected claim ({Label(item)}).",
            [new Evidence("Encounter documentation", true, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} is documented: the {Words(element)} can be checked against it.")],
            [$"Correct the {Words(element)} of {lineLabel} as documented"], Missing: element);
    }

    private static Outcome Bundling(Item item, Context ctx)
    {
        var dos = ServiceDate(item, ctx);
        var lineLabel = LineLabel(item);
        var procedure = item.Submitted?.Procedure ?? item.Line?.Procedure;
        var modifiers = item.Submitted?.Modifiers ?? item.Line?.Modifiers ?? [];
        var distinctModifier = modifiers.FirstOrDefault(m => DistinctModifiers.Contains(m, Ids));
        if (distinctModifier is not null)
            return new Outcome(DenialCategory.Bundling, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {Label(item)}: {lineLabel} already carried modifier {distinctModifier} marking it distinct.",
                [new Evidence("Distinct-service modifier", true, $"{lineLabel} was billed with modifier {distinctModifier}; the appeal shows from the documentation why the service was separate.")],
                Enclosures: ["Documentation showing the separate session, site or practitioner"]);
        var encounter = dos is null ? null : ctx.Records.Encounters.FirstOrDefault(e => e.Covers(dos.Value) && e.DocumentationPresent);
        if (encounter is null)
            return new Outcome(DenialCategory.Bundling, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider whether {lineLabel} was separate from the other services of {Date(dos)}: no documentation is on file ({Label(item)}).",
                [new Evidence("Encounter documentation", false, $"No documented encounter is on file for {Date(dos)} to show whether {lineLabel} was distinct.")], Missing: ClaimElement.Modifier);
        var distinct = procedure is null ? null : encounter.DistinctServices.FirstOrDefault(d => Ids.Equals(d.Procedure, procedure));
        if (distinct is not null)
        {
            var modifier = distinct.Reason switch
            {
                DistinctReason.SeparateEncounter => "XE",
                DistinctReason.SeparateStructure => "XS",
                DistinctReason.SeparatePractitioner => "XP",
                DistinctReason.UnusualNonOverlapping => "XU",
                _ => "59",
            };
            return new Outcome(DenialCategory.Bundling, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a corrected claim adding modifier {modifier} to {lineLabel}: the documentation shows it distinct ({Words(distinct.Reason)}).",
                [new Evidence("Distinct service documented", true, $"Encounter {encounter.Id} documents {procedure} as distinct ({Words(distinct.Reason)}), which modifier {modifier} reports.")],
                [$"Add modifier {modifier} to {lineLabel}"], Missing: ClaimElement.Modifier);
        }
        return new Outcome(DenialCategory.Bundling, ResolutionAction.WriteOff, Clock.None,
            $"Accept the bundling of {lineLabel} ({Label(item)}): the documentation does not show it as a distinct service.",
            [new Evidence("Distinct service documented", false, $"Encounter {encounter.Id} on {encounter.Date:yyyy-MM-dd} does not document {procedure ?? "the service"} as separate from the other services that day.")]);
    }

    private static Outcome ProviderEnrollment(Item item, Context ctx)
    {
        var provider = ctx.Records.Provider;
        var claim = ctx.Records.Claim;
        if (provider is null || claim is null)
            return new Outcome(DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, Clock.Appeal,
                $"{Label(item)}: check the provider's enrollment with the payer; the records lack the {(provider is null ? "provider profile" : "submitted claim")} to compare.",
                [new Evidence("Provider profile", provider is not null, provider is null ? "No provider profile is on file." : "No submitted claim is on file to compare the NPI and taxonomy with.")]);
        var corrections = new List<string>();
        var npiOnClaim = claim.RenderingNpi ?? claim.BillingNpi;
        if (npiOnClaim is not null && !Ids.Equals(npiOnClaim, provider.Npi)) corrections.Add($"Bill with NPI {provider.Npi} ({provider.Name}) instead of {npiOnClaim}");
        if (provider.Taxonomy is not null && !Ids.Equals(claim.Taxonomy, provider.Taxonomy)) corrections.Add($"Bill with taxonomy {provider.Taxonomy} instead of {claim.Taxonomy ?? "none"}");
        if (corrections.Count > 0)
            return new Outcome(DenialCategory.ProviderEnrollment, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a corrected claim with the provider's enrolled identifiers: {string.Join("; ", corrections)}.",
                [new Evidence("Provider identifiers", false, $"The claim's NPI/taxonomy differ from the provider profile of {provider.Name}: {string.Join("; ", corrections)}.")], corrections, Missing: ClaimElement.Taxonomy);
        return new Outcome(DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, Clock.Appeal,
            $"{Label(item)}: the claim's NPI and taxonomy match the provider profile; check the provider's enrollment with the payer.",
            [new Evidence("Provider identifiers", true, $"The claim's NPI {provider.Npi} and taxonomy {provider.Taxonomy ?? "(none)"} match the provider profile: the question is the payer's enrollment record.")]);
    }

    private Outcome PatientResponsibility(Item item) =>
        new(DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, Clock.None,
            $"Bill the patient {Money(item.Adjustment.Amount)} ({Label(item)}: {item.Carc.Description})",
            [new Evidence("Group code", true, $"{Label(item)} is patient responsibility: {_codes.Group("PR").WhoMayBeBilled}")]);

    /// <summary>A deductible/coinsurance/copay CARC under a group that forbids billing the patient (CO, OA, PI): a coder decides.</summary>
    private static Outcome NotPatientBillable(Item item) =>
        new(DenialCategory.PatientResponsibility, ResolutionAction.ManualReview, Clock.Appeal,
            $"Review {Label(item)} by hand: the reason is a patient share, but group {item.Adjustment.Group} does not let the patient be billed.",
            [new Evidence("Group code", false, $"{Label(item)} names a patient share ({item.Carc.Description}) under group {item.Adjustment.Group}, not PR: {item.Group.WhoMayBeBilled} Do not bill the patient without review; ask the payer whether it meant PR.")]);

    private static Outcome Contractual(Item item, Context ctx)
    {
        var line = item.Line;
        if (line is null)
            return new Outcome(DenialCategory.Contractual, ResolutionAction.NoAction, Clock.None,
                $"No action: {Label(item)} is a contractual adjustment.",
                [new Evidence("Contracted rate", false, "Claim-level contractual adjustment: no service line to compare with a contracted rate.")]);
        var payerIds = PayerIds(ctx);
        var rate = ctx.Records.ContractRates
            .Where(r => Ids.Equals(r.Procedure, line.Procedure) && (payerIds.Count == 0 || payerIds.Contains(r.PayerId)) && r.EffectiveOn(ServiceDate(item, ctx)))
            .OrderBy(r => r.Modifier is not null && line.Modifiers.Contains(r.Modifier, Ids) ? 0 : r.Modifier is null ? 1 : 2)
            .FirstOrDefault(r => r.Modifier is null || line.Modifiers.Contains(r.Modifier, Ids));
        var allowed = line.AllowedAmount ?? line.Paid + line.Adjustments.Where(a => a.Group == "PR").Sum(a => a.Amount);
        if (rate is null)
            return new Outcome(DenialCategory.Contractual, ResolutionAction.NoAction, Clock.None,
                $"No action: {Label(item)} is a contractual adjustment and no contracted rate for {line.Procedure} is on file to check it.",
                [new Evidence("Contracted rate", false, $"No contracted rate for {line.Procedure} with this payer is on file; allowed {Money(allowed)} cannot be checked.")]);
        if (allowed < rate.Amount)
        {
            var under = rate.Amount - allowed;
            return new Outcome(DenialCategory.Contractual, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal the underpayment of {line.Procedure}: allowed {Money(allowed)} is {Money(under)} below the contracted {Money(rate.Amount)}.",
                [new Evidence("Contracted rate", true, $"The contracted rate for {line.Procedure} is {Money(rate.Amount)}; the payer allowed {Money(allowed)}, {Money(under)} less.")],
                Enclosures: ["The fee schedule page of the contract showing the rate"], RecoverableAmount: under);
        }
        return new Outcome(DenialCategory.Contractual, ResolutionAction.NoAction, Clock.None,
            $"No action: {line.Procedure} was allowed {Money(allowed)}, at or above the contracted {Money(rate.Amount)}.",
            [new Evidence("Contracted rate", true, $"The payer allowed {Money(allowed)} for {line.Procedure}; the contracted rate is {Money(rate.Amount)}: paid as contracted.")]);
    }

    private static Outcome NonCovered(Item item)
    {
        var action = item.Carc.DefaultAction;
        var evidence = new List<Evidence>();
        if (action == ResolutionAction.BillPatient && !item.Group.PatientMayBeBilled)
        {
            action = ResolutionAction.ManualReview;
            evidence.Add(new Evidence("Group code", false, $"{Label(item)} is not patient responsibility ({item.Group.Code}): the patient may be billed only with a signed waiver (ABN) on file; review."));
        }
        else
        {
            evidence.Add(new Evidence("Benefits", false, $"{item.Carc.Description} No records check decides coverage of benefits: {Words(action)}."));
        }
        return new Outcome(DenialCategory.NonCovered, action, ClockFor(action), $"{Label(item)}: {item.Carc.Description} {Capital(Words(action))}.", evidence);
    }

    // ----- helpers -----

    /// <summary>The record of a claim element for a missing-information remark: (value to show or null for PHI, where it came from).</summary>
    private static (string? Value, string Source)? ElementValue(ClaimElement element, Item item, Context ctx)
    {
        var claim = ctx.Records.Claim;
        var line = item.Submitted;
        var provider = ctx.Records.Provider;
        static (string?, string)? Some(string? value, string source, bool show = true) => string.IsNullOrWhiteSpace(value) ? null : (show ? value : null, source);
        return element switch
        {
            ClaimElement.ProcedureCode => Some(line?.Procedure, "submitted line"),
            ClaimElement.DiagnosisCode => claim?.DiagnosisCodes.Count > 0 ? Some(string.Join(", ", claim.DiagnosisCodes), "submitted claim")
                : ctx.Records.Encounters.FirstOrDefault(e => e.DiagnosisCodes.Count > 0) is { } e ? Some(string.Join(", ", e.DiagnosisCodes), $"encounter {e.Id}") : null,
            ClaimElement.Modifier => line?.Modifiers.Count > 0 ? Some(string.Join(", ", line.Modifiers), "submitted line") : null,
            ClaimElement.Units => Some(line?.Units.ToString("0.##", CultureInfo.InvariantCulture), "submitted line"),
            ClaimElement.DateOfService => Some(line?.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? claim?.ServiceDateStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "submitted claim"),
            ClaimElement.PlaceOfService => Some(line?.PlaceOfService ?? claim?.PlaceOfService, "submitted claim"),
            ClaimElement.RenderingProviderNpi => Some(claim?.RenderingNpi, "submitted claim") ?? Some(provider?.Npi, "provider profile"),
            ClaimElement.BillingProviderNpi => Some(claim?.BillingNpi, "submitted claim") ?? Some(provider?.Npi, "provider profile"),
            ClaimElement.Taxonomy => Some(claim?.Taxonomy, "submitted claim") ?? Some(provider?.Taxonomy, "provider profile"),
            ClaimElement.ReferringProvider => Some(claim?.ReferringNpi, "submitted claim"),
            ClaimElement.ReferralNumber => Some(claim?.ReferralNumber, "submitted claim"),
            ClaimElement.PriorAuthorizationNumber => Some(claim?.PriorAuthorizationNumber, "submitted claim")
                ?? (ServiceDate(item, ctx) is { } d && ctx.Records.Authorizations.FirstOrDefault(a => a.Covers(d)) is { } auth ? Some(auth.Number, "authorization on file") : null),
            ClaimElement.PatientBirthDate => Some(claim?.Patient.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "submitted claim", show: false),
            ClaimElement.MemberId => Some(claim?.Patient.MemberId ?? claim?.Subscriber?.MemberId, "submitted claim", show: false)
                ?? Some(ctx.Records.Coverages.FirstOrDefault(c => c.MemberId is not null && IsThisPayer(c, PayerIds(ctx), ctx))?.MemberId, "coverage on file", show: false),
            ClaimElement.OriginalReference => Some(claim?.OriginalReference ?? ctx.Claim.PayerClaimControlNumber, "payer claim number"),
            ClaimElement.Ndc => Some(line?.Ndc, "submitted line"),
            ClaimElement.Charge => Some(line?.Charge.ToString("0.00", CultureInfo.InvariantCulture), "submitted line"),
            _ => null,
        };
    }

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

    private static DateOnly? ServiceDate(Item item, Context ctx) =>
        item.Line?.ServiceDate ?? item.Submitted?.ServiceDate ?? ctx.Claim.ServiceDateStart
        ?? ctx.Claim.Lines.Select(l => l.ServiceDate).Where(d => d is not null).Min()
        ?? ctx.Records.Claim?.ServiceDateStart;

    private static IReadOnlyList<string> Procedures(Item item, Context ctx)
    {
        if (item.Line is { } l) return [item.Submitted?.Procedure ?? l.Procedure];
        var fromLines = ctx.Claim.Lines.Select(x => x.Procedure).ToList();
        if (fromLines.Count == 0 && ctx.Records.Claim is { } c) fromLines = c.Lines.Select(x => x.Procedure).ToList();
        return fromLines.Distinct(Ids).ToList();
    }

    private static HashSet<string> PayerIds(Context ctx) =>
        new[] { ctx.Tx.Payer.Id, ctx.Records.Payer?.PayerId, ctx.Records.Claim?.PayerId }.OfType<string>().Where(s => s.Length > 0).ToHashSet(Ids);

    private static bool IsThisPayer(Records.Coverage c, HashSet<string> payerIds, Context ctx) =>
        payerIds.Contains(c.PayerId)
        || (c.PayerName is not null && (Ids.Equals(c.PayerName, ctx.Tx.Payer.Name) || Ids.Equals(c.PayerName, ctx.Records.Payer?.Name)));

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

    private static Clock ClockFor(ResolutionAction action) => action switch
    {
        ResolutionAction.CorrectedClaim or ResolutionAction.ProviderQuery => Clock.TimelyFiling,
        ResolutionAction.BillOtherPayer => Clock.OtherPayerFiling,
        ResolutionAction.Appeal or ResolutionAction.RequestRetroAuthorization or ResolutionAction.ManualReview => Clock.Appeal,
        _ => Clock.None,
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

    private static string DescribeAdjustments(IReadOnlyList<Item> items, (string Group, string Code) dominant, bool several)
    {
        var parts = items
            .GroupBy(x => (x.Adjustment.Group, x.Carc.Code.Code))
            .Select(g => $"{g.Key.Group}-{g.Key.Code} {Money(g.Sum(x => x.Adjustment.Amount))}" + (g.Any(x => x.LineIndex is not null)
                ? " on line(s) " + string.Join(", ", g.Where(x => x.LineIndex is not null).Select(x => x.LineIndex!.Value + 1).Distinct())
                : " at claim level"));
        var tail = several ? $"; {dominant.Group}-{dominant.Code} is dominant (largest amount among the denial adjustments, then severity)." : ".";
        return "Adjustments: " + string.Join("; ", parts) + tail;
    }

    private static bool SameReason(Item a, Item b) =>
        a.Adjustment.Group == b.Adjustment.Group && a.Carc.Code.Code == b.Carc.Code.Code;

    private static string Label(Item item) => $"{item.Adjustment.Group}-{item.Carc.Code}";

    private static string LineLabel(Item item) => item.LineIndex is { } i
        ? $"line {i + 1} ({item.Submitted?.Procedure ?? item.Line?.Procedure})"
        : "the claim";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(open)";

    private static string Money(decimal amount) => "$" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Source(ProofSource source) => source switch
    {
        ProofSource.Ack999 => "999",
        ProofSource.Ack277CA => "277CA",
        _ => "clearinghouse report",
    };

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Words(ResolutionAction action) => action switch
    {
        ResolutionAction.Appeal => "appeal",
        ResolutionAction.CorrectedClaim => "send a corrected claim",
        ResolutionAction.ProviderQuery => "query the provider",
        ResolutionAction.BillOtherPayer => "bill the other payer",
        ResolutionAction.BillPatient => "bill the patient",
        ResolutionAction.RequestRetroAuthorization => "request a retro-authorization",
        ResolutionAction.WriteOff => "write off",
        ResolutionAction.NoAction => "no action",
        _ => "review by hand",
    };

    private static string Words(ClaimElement element) => element switch
    {
        ClaimElement.ProcedureCode => "procedure code",
        ClaimElement.DiagnosisCode => "diagnosis code",
        ClaimElement.Modifier => "modifier",
        ClaimElement.Units => "units",
        ClaimElement.DateOfService => "date of service",
        ClaimElement.PlaceOfService => "place of service",
        ClaimElement.RenderingProviderNpi => "rendering provider NPI",
        ClaimElement.BillingProviderNpi => "billing provider NPI",
        ClaimElement.Taxonomy => "taxonomy code",
        ClaimElement.ReferringProvider => "referring provider",
        ClaimElement.ReferralNumber => "referral number",
        ClaimElement.PriorAuthorizationNumber => "prior authorization number",
        ClaimElement.PatientBirthDate => "patient date of birth",
        ClaimElement.MemberId => "member id",
        ClaimElement.OriginalReference => "original claim reference",
        ClaimElement.Ndc => "NDC",
        ClaimElement.Charge => "charge",
        _ => element.ToString(),
    };

    private static string Words(DistinctReason reason) => reason switch
    {
        DistinctReason.SeparateEncounter => "a separate encounter",
        DistinctReason.SeparateStructure => "a separate organ or structure",
        DistinctReason.SeparatePractitioner => "a different practitioner",
        DistinctReason.UnusualNonOverlapping => "an unusual, non-overlapping service",
        _ => "documented as distinct",
    };
}
