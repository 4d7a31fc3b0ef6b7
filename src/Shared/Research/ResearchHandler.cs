using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Research;

/// <summary>
/// Stage 2 (queue <c>denial-research</c>): matches the denied claim to its records, decides category, action,
/// evidence, deadline and priority (<see cref="DenialResearcher"/>), and asks for correspondence when the action
/// needs a letter. A claim with no submitted claim on file goes to Unmatched with the reason — never guessed; an
/// import of records later researches the unmatched cases again. A coder's rejection of a draft puts the case back to
/// New (with the reason on the case: <see cref="CaseEntity.LastRejectionReason"/>), and it is researched again here.
/// </summary>
public sealed partial class ResearchHandler(
    CaseStore cases, RecordStore records, DenialResearcher researcher, CodeListStore codeLists, PipelineQueues queues, TimeProvider time, ILogger<ResearchHandler> logger)
{
    public static bool NeedsLetter(string? action) =>
        action is nameof(ResolutionAction.Appeal) or nameof(ResolutionAction.CorrectedClaim)
            or nameof(ResolutionAction.ProviderQuery) or nameof(ResolutionAction.RequestRetroAuthorization)
            or nameof(ResolutionAction.RequestReopening);

    /// <summary>
    /// Researches every case of the message (<see cref="CaseBatch"/>: one that fails goes back on its own, the rest in a
    /// new message), then asks for the drafting of those researched to a letter, in one message.
    /// </summary>
    public async Task HandleAsync(ResearchRequested message, CancellationToken cancellationToken = default)
    {
        var toDraft = new List<string>();
        var outcome = await CaseBatch.RunEachAsync(message.CaseIds, id => ResearchAsync(id, toDraft, cancellationToken), cancellationToken);
        if (toDraft.Count > 0) await queues.SendDraftAsync(toDraft, cancellationToken);
        await CaseBatch.SendBackAsync(outcome, StorageNames.Queues.DenialResearch, ids => queues.SendResearchAsync(ids, CaseBatch.MaxSize, cancellationToken), logger);
    }

    /// <summary>Researches one case; adds it to <paramref name="toDraft"/> when it is researched to an action that needs a letter.</summary>
    private async Task ResearchAsync(string caseId, List<string> toDraft, CancellationToken cancellationToken)
    {
        var current = await cases.GetForChangeAsync(caseId, c => c.StatusValue is CaseStatus.New or CaseStatus.Unmatched, cancellationToken);
        if (current is null)
        {
            LogUnknownCase(logger, caseId);
            return; // permanent: the case does not exist
        }
        if (current.StatusValue is not (CaseStatus.New or CaseStatus.Unmatched))
        {
            // Redelivery: the decision was made before; make sure drafting was asked for.
            AskForDrafting(current, toDraft);
            return;
        }

        var payload = RemittancePayload.FromBytes(current.RemittancePayload);
        if (payload is null)
        {
            await SendToManualReviewAsync(current.CaseId, cancellationToken);
            return;
        }

        await codeLists.EnsureCurrentAsync(cancellationToken);
        var prior = current.PreviousCaseId is { } previous ? await PriorOfAsync(previous, cancellationToken) : null;
        // A maintained decision (CARC 193) is worked on the earlier reason: its earlier payments are read if that reason needs them.
        var needsPayments = researcher.NeedsEarlierPayments(payload.Claim)
            || prior?.Claim is { } earlier && FollowUp.MaintainedOnly(payload.Claim) is not null && researcher.NeedsEarlierPayments(earlier);
        var (snapshot, match) = await records.SnapshotAsync(payload.Transaction, payload.Claim, needsPayments, cancellationToken);
        var result = AtAppealLevel(FollowUp.Decide(researcher, payload.Claim, payload.Transaction, snapshot, prior), current.AppealLevel, payload, snapshot);
        var unmatched = match as ClaimUnmatched;
        var snapshotBytes = RecordsSnapshotPayload.ToBytes(snapshot);
        var from = current.Status;
        var (saved, changed) = await cases.ChangeAsync(current, c =>
        {
            if (c.Status != from) return null; // someone else moved it meanwhile
            Record(c, result, snapshot, snapshotBytes, unmatched);
            if (unmatched is not null)
            {
                if (c.StatusValue == CaseStatus.Unmatched) return null; // still unmatched: nothing new to record
                return new CaseChange("Unmatched", CaseStatus.Unmatched, "system:research", $"No submitted claim on file: {unmatched.Reason}");
            }
            return new CaseChange("Researched", CaseStatus.Researched, "system:research", Description(c, result));
        }, cancellationToken);

        if (saved is null) return;
        if (changed) LogResearched(logger, saved.CaseId, saved.Status, saved.Category ?? "", saved.Action ?? "");
        // Also when someone else researched it first (another host, or this message is a redelivery): that host may have
        // stopped before asking for drafting.
        AskForDrafting(saved, toDraft);
    }

    /// <summary>
    /// What the earlier case of the claim decided, for <see cref="FollowUp"/>, with the claim as its remittance read it —
    /// or, when that remittance only maintained a decision (CARC 193), as the remittance before it read it (a few levels up).
    /// </summary>
    private async Task<PriorAttempt?> PriorOfAsync(string previousCaseId, CancellationToken cancellationToken)
    {
        var earlier = await cases.GetAsync(previousCaseId, cancellationToken);
        if (earlier is null) return null;
        var research = ResearchOf(earlier);
        var claim = RemittancePayload.FromBytes(earlier.RemittancePayload)?.Claim;
        for (var (hops, up) = (0, earlier.PreviousCaseId); claim is not null && FollowUp.MaintainedOnly(claim) is not null && up is not null && hops < 4; hops++)
        {
            var before = await cases.GetAsync(up, cancellationToken);
            (claim, up) = (RemittancePayload.FromBytes(before?.RemittancePayload)?.Claim, before?.PreviousCaseId);
        }
        return new PriorAttempt(earlier.CaseId, Enum.TryParse<ResolutionAction>(earlier.Action, out var action) ? action : null,
            research?.Group, research?.Reason, claim) { Missing = research?.MissingElement };
    }

    /// <summary>The research stored on an earlier case; null when there is none or it no longer reads (a result of an older shape).</summary>
    private static ResearchResult? ResearchOf(CaseEntity c)
    {
        if (c.ResearchJson is not { Length: > 0 } json) return null;
        try { return JsonSerializer.Deserialize<ResearchResult>(json, MessageJson.Options); }
        catch (JsonException) { return null; }
    }

    /// <summary>A case whose claim is not stored on it: nothing to research from, a coder works it from the original file.</summary>
    private Task SendToManualReviewAsync(string caseId, CancellationToken cancellationToken) =>
        cases.ChangeAsync(caseId, c =>
        {
            if (c.StatusValue is not (CaseStatus.New or CaseStatus.Unmatched)) return null;
            c.Action = nameof(ResolutionAction.ManualReview);
            c.Summary = "The claim as read from the remittance is not on the case; review it by hand from the original file.";
            return new CaseChange("Researched", CaseStatus.Researched, "system:research", c.Summary);
        }, cancellationToken);

    /// <summary>
    /// A later appeal level (a denial upheld after an appeal: resolution raised the case's level) of Original Medicare has
    /// its own clock, office and, at level 3, the amount-in-controversy check (<see cref="MedicareAppealLevels"/>); another
    /// payer's runs on its profile's window for later levels when one is set (<see cref="Deadlines.LaterLevel"/>).
    /// </summary>
    private ResearchResult AtAppealLevel(ResearchResult result, int level, RemittancePayload payload, RecordsSnapshot snapshot)
    {
        if (level < 2 || (payload.Transaction.PaymentDate ?? payload.Transaction.ProductionDate) is not { } decided) return result;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (snapshot.Payer?.PayerKind == PayerKind.Medicare || payload.Claim.FilingIndicator is "MA" or "MB")
            return MedicareAppealLevels.Apply(result, level, decided, today, researcher);
        // Other payers: the profile's window for later levels, when the contract gives one (else the first-level window,
        // already counted from this decision's remittance).
        var clocked = result.Action == ResolutionAction.Appeal && Deadlines.LaterLevel(level, decided, snapshot.Payer, today) is { } later
            ? researcher.WithDeadline(result, later)
            : result;
        if (clocked.Action != ResolutionAction.Appeal || !(snapshot.Payer?.PayerKind == PayerKind.MedicareAdvantage || payload.Claim.FilingIndicator == "16"))
            return clocked;
        var withLevel = clocked with { Evidence = [.. clocked.Evidence.Where(e => e.Check != Rules.MedicareAdvantageRoute.Check), MedicareAdvantageLaterLevel(snapshot.Payer?.Contracted)] };
        // A non-contracted provider's upheld reconsideration is with the IRE already: nothing to draft, a coder watches for its notice.
        return snapshot.Payer?.Contracted == false
            ? withLevel with
            {
                Action = ResolutionAction.ManualReview,
                Enclosures = [],
                Summary = clocked.Category == Codes.DenialCategory.Contractual
                    ? "Ask CMS's Payment Dispute Resolution Contractor to review the plan's written denial of the payment dispute (non-contracted provider)."
                    : "Await the Independent Review Entity: the plan forwards an upheld reconsideration of a non-contracted provider itself; file nothing again.",
            }
            : withLevel;
    }

    private static Evidence MedicareAdvantageLaterLevel(bool? contracted) => contracted switch
    {
        false => new("Appeal level", true,
            "Medicare Advantage, non-contracted provider: the plan forwards an upheld reconsideration to the Independent Review Entity itself " +
            "(42 CFR 422.590, 422.592) — wait for the IRE's notice rather than filing again; an amount in dispute goes to CMS's Payment Dispute " +
            "Resolution Contractor after the plan's written denial."),
        true => new("Appeal level", true,
            "Medicare Advantage, contracted provider: the next level follows the provider agreement's dispute process (the IRE route is the " +
            "enrollee's and non-contracted providers')."),
        null => new("Appeal level", false,
            "Medicare Advantage: when the plan upholds a reconsideration requested by the enrollee or a non-contracted provider, " +
            "the plan itself forwards the case to the Independent Review Entity (42 CFR 422.590, 422.592) — check for the IRE's notice " +
            "before filing anything; a contracted provider's next level follows its contract's dispute process."),
    };

    /// <summary>Writes research's decision onto the case row.</summary>
    private static void Record(CaseEntity c, ResearchResult result, RecordsSnapshot snapshot, byte[]? snapshotBytes, ClaimUnmatched? unmatched)
    {
        c.Category = result.Category.ToString();
        c.Action = result.Action.ToString();
        c.Summary = result.Summary;
        c.ResearchJson = JsonSerializer.Serialize(result, MessageJson.Options);
        c.DeniedAmount = (double)result.DeniedAmount;
        var deadline = result.Deadline?.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (c.Deadline != deadline)
        {
            // A new clock: its reminders (and a missed flag) start over.
            c.LastReminderDays = null;
            c.DeadlineMissed = false;
            c.DeadlineMissedAt = null;
        }
        c.Deadline = deadline;
        c.DeadlineRule = result.Deadline?.Rule;
        // The deadline sweep raised the priority by a factor for the reminder reached (or a missed deadline); research
        // again (after a rejection, an import) keeps that factor, or the next sweep would scale a fresh score by it.
        var factor = Resolution.DeadlineSweep.Factor(c.LastReminderDays, c.DeadlineMissed);
        c.Priority = factor == 1.0 ? (double)result.Priority.Score : Math.Round((double)result.Priority.Score * factor, 2);
        c.MatchedClaimId = result.MatchedClaimId;
        c.UnmatchedReason = unmatched?.Reason;
        c.RecordsJson = JsonSerializer.Serialize(RecordsFound.From(snapshot), MessageJson.Options);
        c.RecordsSnapshot = snapshotBytes;
    }

    /// <summary>The history line of a research: after a rejection (round 2 and on) the coder's reason is part of it.</summary>
    private static string Description(CaseEntity c, ResearchResult result)
    {
        var again = c.DraftRound > 1 && c.LastRejectedLetterId is { } rejected
            ? $"Researched again (draft round {c.DraftRound}) after letter {rejected} was rejected: {c.LastRejectionReason}. "
            : "";
        return again + $"Category {result.Category}; action {result.Action}; matched claim {result.MatchedClaimId}; " +
            (result.Deadline is { } d ? $"deadline {d.Date:yyyy-MM-dd} ({d.Rule})." : "no deadline.");
    }

    /// <summary>Asks for drafting when the case is researched to an action that needs a letter (drafting is idempotent).</summary>
    private static void AskForDrafting(CaseEntity c, List<string> toDraft)
    {
        if (c.StatusValue == CaseStatus.Researched && NeedsLetter(c.Action)) toDraft.Add(c.CaseId);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Research: case {CaseId} does not exist; message skipped")]
    private static partial void LogUnknownCase(ILogger logger, string caseId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Research: case {CaseId} is {Status}: {Category}, action {Action}")]
    private static partial void LogResearched(ILogger logger, string caseId, string status, string category, string action);
}
