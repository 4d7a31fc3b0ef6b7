using DenialPipeline.Cases;
using DenialPipeline.Operations;
using DenialPipeline.X12;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Resolution;

/// <summary>
/// Resolution from later remittances, called by ingest for every claim it reads:
/// <list type="bullet">
/// <item>a payment (not a denial, not a reversal) closes the open cases of that claim as Overturned (nothing workable
/// left unpaid) or PartiallyOverturned, with the amount recovered and the days it took;</item>
/// <item>a second denial of a claim whose appeal was sent (Sent/Submitted) marks that case Upheld and makes the new
/// case the next appeal level (AppealLevel + 1, linked both ways);</item>
/// <item>a reversal (CLP02 22) reopens the cases a payment had closed.</item>
/// </list>
/// A claim is matched by payer + patient control number, by payer claim number, or — for a corrected claim
/// (frequency 7) — by the original payer claim number in REF*F8. Every change is a case change with its history row.
/// </summary>
public sealed partial class ResolutionHandler(CaseStore cases, CaseIndex index, TimeProvider time, ILogger<ResolutionHandler> logger)
{
    public const string Actor = "system:resolution";

    /// <summary>Index keys a remittance claim can match cases under.</summary>
    public static IReadOnlyList<IndexKey> MatchKeys(RemittanceTransaction tx, ClaimPayment claim)
    {
        var payer = CaseIndex.PayerKey(tx.Payer.Id, tx.Payer.Name);
        var keys = new List<IndexKey>();
        if (claim.PatientControlNumber.Length > 0) keys.Add(CaseIndex.PatientControlNumberKey(payer, claim.PatientControlNumber));
        if (claim.PayerClaimControlNumber is { Length: > 0 } icn) keys.Add(CaseIndex.PayerClaimNumberKey(payer, icn));
        if (claim.References.TryGetValue("F8", out var original) && original.Length > 0)
            keys.Add(CaseIndex.PayerClaimNumberKey(payer, original));
        return keys;
    }

    /// <summary>The index as one ingest sees it (cached reads, batched writes): flush it before the file counts as processed.</summary>
    public CaseIndexSession OpenIndexSession() => index.OpenSession();

    /// <summary>
    /// After ingest opened (or found) the case of a denied claim: index it, then look at the earlier open cases of the
    /// same claim. If this remittance pays more than the earlier one did, the earlier case was partially overturned (the
    /// rest continues on the new case); if it pays nothing more and the earlier appeal was sent, the appeal was upheld
    /// and the new case is the next appeal level. An earlier case not yet appealed is left alone (a repeated denial).
    /// </summary>
    public async Task CaseOpenedAsync(CaseEntity opened, RemittanceTransaction tx, ClaimPayment claim, CaseIndexSession session, CancellationToken cancellationToken = default)
    {
        var caseId = opened.CaseId;
        var decidedAt = RemittanceDate(tx);
        // As for a payment: several earlier open cases of the claim share what this remittance paid more (counted once).
        var attributed = 0m;
        foreach (var id in await session.AddAndFindAsync(opened, MatchKeys(tx, claim), cancellationToken))
        {
            if (id == caseId) continue;
            var appealed = false;
            var counted = 0m;
            var (earlier, changed) = await cases.ChangeAsync(id, c =>
            {
                counted = 0m;
                if (c.NextCaseId == caseId && c.StatusValue == CaseStatus.PartiallyOverturned) { counted = (decimal)c.RecoveredAmount; return null; }
                if (CaseStatuses.IsClosed(c.StatusValue) || c.CreatedAt > opened.CreatedAt || c.NextCaseId is not null) return null;
                appealed = c.StatusValue is CaseStatus.Sent or CaseStatus.Submitted;
                var gross = claim.Paid - (decimal)c.PaidAmount;
                if (gross > 0m)
                {
                    var recovered = Math.Max(0m, gross - attributed);
                    counted = recovered;
                    c.StatusBeforeResolution = c.Status;
                    c.NextCaseId = caseId;
                    Close(c, decidedAt);
                    c.RecoveredAmount = (double)recovered;
                    c.ResolvedByClaimKey = CaseFactory.CaseIdFor(tx, claim);
                    c.ResolutionReason = "Paid in part by a later remittance; the rest was denied again.";
                    return new CaseChange(nameof(CaseStatus.PartiallyOverturned), CaseStatus.PartiallyOverturned, Actor,
                        $"Paid in part (transaction {tx.ControlNumber}): {Money.Format(recovered)} recovered after {c.DaysToResolution} days; the unpaid rest continues on case {caseId}.");
                }
                if (!appealed) return null;
                c.NextCaseId = caseId;
                Close(c, decidedAt);
                if (NotAnAppeal(c.Action) is { } sent)
                {
                    c.ResolutionReason = $"Denied again after the {sent} was sent.";
                    return new CaseChange("DeniedAgain", CaseStatus.Upheld, Actor,
                        $"The payer denied the claim again (case {caseId}) after the {sent} was sent ({c.DaysToResolution} days): not an appeal, so case {caseId} continues at level {c.AppealLevel}.");
                }
                c.ResolutionReason = "Denied again after the appeal.";
                return new CaseChange("AppealUpheld", CaseStatus.Upheld, Actor,
                    $"The payer denied the claim again (case {caseId}): level {c.AppealLevel} appeal upheld after {c.DaysToResolution} days; level {c.AppealLevel + 1} continues on case {caseId}.");
            }, cancellationToken);
            attributed += counted;
            if (earlier is null || earlier.NextCaseId != caseId) continue;
            var level = RaisesLevel(earlier) && (earlier.StatusValue == CaseStatus.Upheld || CaseStatuses.TryParse(earlier.StatusBeforeResolution, out var b) && b is CaseStatus.Sent or CaseStatus.Submitted)
                ? earlier.AppealLevel + 1 : earlier.AppealLevel;
            // With several earlier cases the new one continues the first, or a later one that puts it at a higher level.
            await cases.ChangeAsync(caseId, c => c.PreviousCaseId == earlier.CaseId || c.PreviousCaseId is not null && c.AppealLevel >= level
                ? null : Continue(c, earlier, level), cancellationToken);
            if (changed && earlier.StatusValue == CaseStatus.Upheld) LogUpheld(logger, earlier.CaseId, caseId, level);
            else if (changed) LogResolved(logger, earlier.CaseId, earlier.Status);
        }
    }

    /// <summary>
    /// Whether what the case sent was an appeal, so a new denial after it is the next appeal level. A Medicare reopening,
    /// a corrected claim, a retro-authorization request or a provider query is not an appeal level (42 CFR 405.980(a): a
    /// reopening is a remedial action, not an appeal; a corrected claim is a new initial determination): the case after it
    /// stays at its level. Any other case that was sent or submitted (an appeal, or manual work a coder filed) counts as appealed.
    /// </summary>
    internal static bool RaisesLevel(CaseEntity c) => NotAnAppeal(c.Action) is null;

    /// <summary>What a case sent, in a coder's words, when it was not an appeal (see <see cref="RaisesLevel"/>); null otherwise.</summary>
    private static string? NotAnAppeal(string? action) => action switch
    {
        nameof(Codes.ResolutionAction.RequestReopening) => "reopening request",
        nameof(Codes.ResolutionAction.CorrectedClaim) => "corrected claim",
        nameof(Codes.ResolutionAction.RequestRetroAuthorization) => "retro-authorization request",
        nameof(Codes.ResolutionAction.ProviderQuery) => "provider query",
        _ => null,
    };

    private static CaseChange Continue(CaseEntity c, CaseEntity previous, int level)
    {
        c.PreviousCaseId = previous.CaseId;
        c.AppealLevel = level;
        return new CaseChange(level > previous.AppealLevel ? "NextAppealLevel" : "Continues", null, Actor,
            level > previous.AppealLevel
                ? $"Level {level} appeal: continues case {previous.CaseId} ({previous.Status})."
                : $"Continues case {previous.CaseId} ({previous.Status}) for the part still unpaid.");
    }

    /// <summary>A claim that is not a denial: a payment closes its open cases; a reversal reopens what a payment closed.</summary>
    public async Task ClaimPaidOrReversedAsync(string fileId, RemittanceTransaction tx, ClaimPayment claim, CaseIndexSession session, CancellationToken cancellationToken = default)
    {
        if (claim.Denied) return;
        var ids = await session.FindAsync(MatchKeys(tx, claim), cancellationToken);
        if (ids.Count == 0) return;
        var claimKey = CaseFactory.CaseIdFor(tx, claim);
        if (claim.Reversal)
        {
            foreach (var id in ids) await ReopenAsync(id, fileId, tx, claimKey, cancellationToken);
            return;
        }
        if (claim.Paid <= 0m) return; // processed without payment (e.g. all deductible): nothing recovered
        // Not a denial, so nothing workable is left unpaid: a full overturn (partial ones arrive as a new denial, see CaseOpenedAsync).
        var remaining = claim.AllAdjustments.Where(a => a.Group != "PR" && DenialRules.IsWorkable(claim, a)).Sum(a => a.Amount);
        var resolvedAt = RemittanceDate(tx);
        // Several open cases of one claim (it was denied again before anyone appealed): the payment closes them all, but
        // its money is counted once — on the first of them (index order: the oldest), the others recover only what is
        // left. A re-run (re-drop, redelivery) finds the cases this payment closed and counts what they hold.
        var attributed = 0m;
        foreach (var id in ids)
        {
            var counted = 0m;
            var (saved, changed) = await cases.ChangeAsync(id, c =>
            {
                counted = 0m;
                if (c.ResolvedByClaimKey == claimKey) { counted = (decimal)c.RecoveredAmount; return null; }
                if (CaseStatuses.IsClosed(c.StatusValue) || c.ReversedClaimKey == claimKey || PaysTheOriginalOf(c, claim)) return null;
                var gross = claim.Paid - (decimal)c.PaidAmount;
                if (gross <= 0m) return null;
                var recovered = Math.Max(0m, gross - attributed);
                var status = remaining > 0m ? CaseStatus.PartiallyOverturned : CaseStatus.Overturned;
                c.StatusBeforeResolution = c.Status;
                Close(c, resolvedAt);
                c.RecoveredAmount = (double)recovered;
                c.ResolvedByClaimKey = claimKey;
                c.ResolutionReason = status == CaseStatus.Overturned ? "Paid in full by a later remittance." : "Paid in part by a later remittance.";
                counted = recovered;
                var how = claim.FrequencyCode == "7" ? "corrected claim paid" : "claim paid";
                var counts = recovered < gross ? $" ({Money.Format(gross - recovered)} of the payment is counted on another case of this claim)" : "";
                return new CaseChange(status.ToString(), status, Actor,
                    $"{how} in file {fileId}, transaction {tx.ControlNumber}: {Money.Format(recovered)} recovered{counts} after {c.DaysToResolution} days" +
                    (remaining > 0m ? $"; {Money.Format(remaining)} still unpaid." : "."));
            }, cancellationToken);
            attributed += counted;
            if (changed && saved is not null) LogResolved(logger, saved.CaseId, saved.Status);
        }
    }

    /// <summary>
    /// Whether <paramref name="claim"/> is the original claim a duplicate denial points at, not the denied claim paid
    /// after all: the case was denied as an exact duplicate (CARC 18) and the payment carries another payer claim number
    /// (CLP07) without naming the denied one as its original (REF*F8). Such a payment is what the denial says was already
    /// paid — research reports it as the earlier payment — so it neither overturns the denial nor counts as recovered.
    /// </summary>
    public static bool PaysTheOriginalOf(CaseEntity c, ClaimPayment claim)
    {
        if (c.PayerClaimControlNumber is not { Length: > 0 } denied || claim.PayerClaimControlNumber is not { Length: > 0 } paid
            || string.Equals(denied, paid, StringComparison.OrdinalIgnoreCase)
            || (claim.References.TryGetValue("F8", out var original) && string.Equals(original, denied, StringComparison.OrdinalIgnoreCase)))
            return false;
        foreach (var code in c.ReasonCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (code.EndsWith("-18", StringComparison.Ordinal) && !code.StartsWith("PR-", StringComparison.Ordinal)) return true;
        return false;
    }

    private async Task ReopenAsync(string caseId, string fileId, RemittanceTransaction tx, string reversalKey, CancellationToken cancellationToken)
    {
        var (saved, changed) = await cases.ChangeAsync(caseId, c =>
        {
            if (c.StatusValue is not (CaseStatus.Overturned or CaseStatus.PartiallyOverturned)) return null;
            var to = CaseStatuses.TryParse(c.StatusBeforeResolution, out var before) ? before : CaseStatus.Researched;
            c.ReversedClaimKey = c.ResolvedByClaimKey;
            c.ResolvedByClaimKey = null;
            c.ResolvedAt = null;
            c.DaysToResolution = null;
            c.RecoveredAmount = 0;
            c.ResolutionReason = null;
            c.StatusBeforeResolution = null;
            return new CaseChange("Reopened", to, Actor, $"The payer reversed its payment (file {fileId}, transaction {tx.ControlNumber}): the case is open again.");
        }, cancellationToken);
        if (changed && saved is not null) LogReopened(logger, saved.CaseId);
    }

    /// <summary>A coder closes a case with an outcome and a reason (POST /api/cases/{id}/close).</summary>
    public async Task<OperationResult<CaseEntity>> CloseAsync(string caseId, string? outcome, string? reason, string actor, CancellationToken cancellationToken = default, string? role = null)
    {
        if (!Enum.TryParse<CoderOutcome>(outcome, ignoreCase: true, out var o) || !Enum.IsDefined(o))
            return new(Outcome.Invalid, null, $"outcome must be one of: {string.Join(", ", Enum.GetNames<CoderOutcome>())}.");
        if (string.IsNullOrWhiteSpace(reason)) return new(Outcome.Invalid, null, "A reason is required to close a case.");
        var status = (CaseStatus)o;
        string? message = null;
        var (saved, changed) = await cases.ChangeAsync(caseId, c =>
        {
            if (c.StatusValue == status) { message = $"The case is already {status}."; return null; }
            if (CaseStatuses.IsClosed(c.StatusValue)) { message = $"The case is already closed as {c.Status}."; return null; }
            Close(c, time.GetUtcNow());
            c.ResolutionReason = reason.Trim();
            return new CaseChange("Closed", status, actor, $"{status}: {c.ResolutionReason}", role);
        }, cancellationToken);
        if (saved is null) return new(Outcome.NotFound, null, $"Case {caseId} does not exist.");
        if (changed) LogClosed(logger, caseId, saved.Status);
        return changed ? new(Outcome.Done, saved)
            : saved.StatusValue == status ? new(Outcome.AlreadyDone, saved, message) : new(Outcome.InvalidState, saved, message);
    }

    private void Close(CaseEntity c, DateTimeOffset at)
    {
        c.ResolvedAt = at;
        c.DaysToResolution = DaysBetween(OpenedOn(c), at);
    }

    /// <summary>The day a case opened for the clocks and metrics: its denial's remittance date, else when it was created.</summary>
    public static DateOnly OpenedOn(CaseEntity c) => DateOnly.FromDateTime(c.RemittanceDate ?? c.CreatedAt.UtcDateTime);

    private static int DaysBetween(DateOnly from, DateTimeOffset to) => Math.Max(0, DateOnly.FromDateTime(to.UtcDateTime).DayNumber - from.DayNumber);

    private DateTimeOffset RemittanceDate(RemittanceTransaction tx) =>
        (tx.PaymentDate ?? tx.ProductionDate) is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : time.GetUtcNow();

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Resolution: case {CaseId} closed as {Status} by a later remittance")]
    private static partial void LogResolved(ILogger logger, string caseId, string status);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Resolution: case {CaseId} appeal upheld; level {Level} continues on case {NextCaseId}")]
    private static partial void LogUpheld(ILogger logger, string caseId, string nextCaseId, int level);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Resolution: case {CaseId} reopened by a reversal")]
    private static partial void LogReopened(ILogger logger, string caseId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Resolution: case {CaseId} closed as {Status} by a coder")]
    private static partial void LogClosed(ILogger logger, string caseId, string status);
}
