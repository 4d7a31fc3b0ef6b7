using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Operations;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Review;

/// <summary>
/// A coder's decisions on a drafted letter and its case. Nothing reaches a payer or provider without an approval.
/// Every change is conditional on the ETag the coder saw (when given), and writes a case history row with the user and
/// the role the user acted with.
/// </summary>
public sealed partial class ReviewHandler(LetterStore letters, CaseStore cases, PipelineQueues queues, TimeProvider time, ILogger<ReviewHandler> logger)
{
    public const int MaxReferenceLength = 200;
    public const long MaxConfirmationBytes = 10 * 1024 * 1024;

    /// <summary>With <see cref="Outcome.NeedsInput"/>: the extension that lists the fields still needing input.</summary>
    public const string MissingFieldsExtension = "missingFields";

    /// <summary>
    /// Approves and queues the letter for delivery. Approving twice is harmless (and re-queues an unsent letter; the
    /// delivery stage sends only while the letter is Approved). With an If-Match that another coder's change made stale,
    /// the answer is a conflict with the current letter. A failed letter can be approved again to retry delivery.
    /// </summary>
    public async Task<OperationResult<LetterEntity>> ApproveAsync(string letterId, SignedInUser user, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var letter = await letters.GetAsync(letterId, cancellationToken);
        if (letter is null) return new(Outcome.NotFound, null, $"Letter {letterId} does not exist.");
        if (ifMatch is not null && ifMatch != letter.ETag.ToString()) return new(Outcome.Stale, letter, "Another coder changed this letter first.");
        switch (letter.StatusValue)
        {
            case LetterStatus.Approved:
                // Another approval of the same letter may still be writing the case's history: make sure the approval is
                // in it before asking for delivery, so "LetterSent" can never come before "LetterApproved".
                await RecordApprovalAsync(letter, letter.ApprovedBy ?? user.Actor, null, retry: false, cancellationToken);
                await queues.SendDeliveryAsync(letter.LetterId, letter.Version, cancellationToken); // delivery checks status: no double send
                return new(Outcome.AlreadyDone, letter, "The letter was already approved.");
            case LetterStatus.Sent or LetterStatus.Submitted:
                return new(Outcome.AlreadyDone, letter, "The letter was already sent.");
            case LetterStatus.Rejected:
                return new(Outcome.InvalidState, letter, "A rejected letter cannot be approved.");
        }
        var retry = letter.StatusValue == LetterStatus.Failed;
        // Nothing goes out with a "needs input" marker in it. (A Failed letter passed this check when it was approved and
        // can no longer be edited: approving it again only retries delivery.)
        if (!retry && OpenFields(letter) is { Count: > 0 } open)
            return new(Outcome.NeedsInput, letter,
                $"Fill the fields that still need input before approving: {string.Join("; ", open.Select(f => $"{f.Label} ({f.Path})"))}.")
            { Extensions = new Dictionary<string, object?> { [MissingFieldsExtension] = open } };
        letter.StatusValue = LetterStatus.Approved;
        letter.ApprovedBy = user.Actor;
        letter.ApprovedAt = time.GetUtcNow();
        letter.FailureReason = null;
        if (!await letters.TryUpdateAsync(letter, cancellationToken))
        {
            var current = await letters.GetAsync(letterId, cancellationToken);
            return ifMatch is null && current?.StatusValue == LetterStatus.Approved
                ? new(Outcome.AlreadyDone, current, "Another coder approved this letter first.")
                : new(Outcome.Stale, current, "Another coder changed this letter first.");
        }
        await RecordApprovalAsync(letter, user.Actor, user.Role.ToString(), retry, cancellationToken);
        await queues.SendDeliveryAsync(letter.LetterId, letter.Version, cancellationToken);
        LogApproved(logger, letter.LetterId);
        return new(Outcome.Done, letter);
    }

    /// <summary>The approval's history row, written once per approval (keyed by letter and approval time) whoever gets there first.</summary>
    private Task RecordApprovalAsync(LetterEntity letter, string actor, string? role, bool retry, CancellationToken cancellationToken) =>
        cases.ChangeAsync(letter.CaseId, c =>
        {
            var key = $"{letter.LetterId}@{letter.ApprovedAt?.UtcTicks}";
            var recorded = c.ApprovalsRecorded.Length == 0 ? [] : c.ApprovalsRecorded.Split(',');
            if (recorded.Contains(key)) return null;
            c.ApprovalsRecorded = string.Join(',', recorded.TakeLast(20).Append(key));
            if (retry) c.FailureReason = null;
            return new CaseChange("LetterApproved", CaseStatus.Approved, actor,
                $"Letter {letter.LetterId} version {letter.Version} approved{(retry ? " again to retry delivery" : "")}.", role);
        }, cancellationToken);

    /// <summary>The letter's open "needs input" fields (kept on the row by drafting and by every edit).</summary>
    public static IReadOnlyList<MissingField> OpenFields(LetterEntity letter) =>
        JsonSerializer.Deserialize<List<MissingField>>(letter.MissingFieldsJson, MessageJson.Options) ?? [];

    /// <summary>
    /// Rejects the draft with a reason. The case goes back to research (status New, the reason on the case and in its
    /// history) and then to drafting, which drafts a new letter with a new id (the next drafting round) while the
    /// rejected one stays Rejected. With <paramref name="manual"/>, the case goes to manual work instead (Researched,
    /// action ManualReview: no letter is drafted for it again). Rejecting again, or a retry after a crash between the
    /// letter and the case, records the rejection once and asks for research again (research changes nothing twice).
    /// </summary>
    public async Task<OperationResult<LetterEntity>> RejectAsync(string letterId, SignedInUser user, string? reason, bool manual = false, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new(Outcome.Invalid, null, "A reason is required to reject a letter.");
        var letter = await letters.GetAsync(letterId, cancellationToken);
        if (letter is null) return new(Outcome.NotFound, null, $"Letter {letterId} does not exist.");
        if (ifMatch is not null && ifMatch != letter.ETag.ToString()) return new(Outcome.Stale, letter, "Another coder changed this letter first.");
        if (letter.StatusValue == LetterStatus.Rejected)
        {
            // (Letters rejected before RejectedAt was kept were recorded then.)
            if (letter.RejectedAt is not null)
                await RecordRejectionAsync(letter, letter.RejectedToManual, letter.RejectedBy ?? user.Actor, letter.RejectedByRole, cancellationToken);
            return new(Outcome.AlreadyDone, letter, "The letter was already rejected.");
        }
        if (letter.StatusValue != LetterStatus.PendingApproval)
            return new(Outcome.InvalidState, letter, $"A letter that is {letter.Status} cannot be rejected.");
        letter.StatusValue = LetterStatus.Rejected;
        letter.RejectedBy = user.Actor;
        letter.RejectedByRole = user.Role.ToString();
        letter.RejectedAt = time.GetUtcNow();
        letter.RejectedToManual = manual;
        letter.RejectReason = reason.Trim();
        if (!await letters.TryUpdateAsync(letter, cancellationToken))
            return new(Outcome.Stale, await letters.GetAsync(letterId, cancellationToken), "Another coder changed this letter first.");
        await RecordRejectionAsync(letter, manual, user.Actor, user.Role.ToString(), cancellationToken);
        LogRejected(logger, letter.LetterId, manual);
        return new(Outcome.Done, letter);
    }

    /// <summary>
    /// The rejection's case change and history row (one transaction), once per rejected letter; then, unless the case went
    /// to manual work, a research request (redelivery-safe: research acts only on a New case, drafting derives ids from the round).
    /// </summary>
    private async Task RecordRejectionAsync(LetterEntity letter, bool manual, string actor, string? role, CancellationToken cancellationToken)
    {
        var (saved, _) = await cases.ChangeAsync(letter.CaseId, c =>
        {
            var recorded = c.RejectionsRecorded.Length == 0 ? [] : c.RejectionsRecorded.Split(',');
            if (recorded.Contains(letter.LetterId)) return null;
            c.RejectionsRecorded = string.Join(',', recorded.TakeLast(20).Append(letter.LetterId));
            if (CaseStatuses.IsClosed(c.StatusValue))
                return new CaseChange("LetterRejected", null, actor,
                    $"Letter {letter.LetterId} rejected; the case is already closed ({c.Status}): {letter.RejectReason}", role);
            if (manual)
            {
                c.Action = "ManualReview";
                return new CaseChange("LetterRejected", CaseStatus.Researched, actor,
                    $"Letter {letter.LetterId} rejected; the case goes to manual work: {letter.RejectReason}", role);
            }
            c.DraftRound = Math.Max(1, c.DraftRound) + 1;
            c.LastRejectionReason = letter.RejectReason;
            c.LastRejectedLetterId = letter.LetterId;
            return new CaseChange("LetterRejected", CaseStatus.New, actor,
                $"Letter {letter.LetterId} rejected; the case goes back to research for a new draft (round {c.DraftRound}): {letter.RejectReason}", role);
        }, cancellationToken);
        if (!manual && saved is { StatusValue: CaseStatus.New })
            await queues.SendResearchAsync(saved.CaseId, cancellationToken);
    }

    /// <summary>
    /// Saves a coder's edit as a new version (<c>letters/{id}/v{n}.html</c>): new body HTML (sanitized) and/or values for
    /// the letter's "needs input" fields. Older versions stay readable. Needs the ETag the coder edited (If-Match), so two
    /// coders never overwrite each other: the second gets a conflict with the current letter.
    /// </summary>
    public async Task<OperationResult<LetterEntity>> EditAsync(
        string letterId, SignedInUser user, string? html, IReadOnlyDictionary<string, string>? fields, string? ifMatch, CancellationToken cancellationToken = default)
    {
        if (html is null && (fields is null || fields.Count == 0)) return new(Outcome.Invalid, null, "Send the new body HTML (\"html\") and/or field values (\"fields\").");
        if (ifMatch is null) return new(Outcome.PreconditionRequired, null, "Send the letter's ETag in If-Match, so that no other coder's edit is overwritten.");
        var letter = await letters.GetAsync(letterId, cancellationToken);
        if (letter is null) return new(Outcome.NotFound, null, $"Letter {letterId} does not exist.");
        if (ifMatch != letter.ETag.ToString()) return new(Outcome.Stale, letter, "Another coder changed this letter first.");
        if (letter.StatusValue != LetterStatus.PendingApproval)
            return new(Outcome.InvalidState, letter, $"Only a letter pending approval can be edited; this one is {letter.Status}.");

        var current = await letters.ReadVersionAsync(letterId, letter.Version, cancellationToken) ?? "";
        var updated = LetterSanitizer.Sanitize(html ?? current);
        if (fields is { Count: > 0 })
        {
            var (filled, unknown) = LetterFields.Fill(updated, fields);
            if (unknown.Count > 0) return new(Outcome.Invalid, letter, $"The letter has no open field {string.Join(", ", unknown)}.");
            updated = LetterSanitizer.Sanitize(filled);
        }
        if (updated == current) return new(Outcome.AlreadyDone, letter, "Nothing changed.");

        var version = letter.Version + 1;
        var blobETag = await letters.TryCreateVersionAsync(letterId, version, updated, user.Actor, cancellationToken);
        if (blobETag is null)
            return new(Outcome.Stale, await letters.GetAsync(letterId, cancellationToken), "Another coder saved a new version first.");
        letter.Version = version;
        letter.EditedBy = user.Actor;
        var labels = (JsonSerializer.Deserialize<List<MissingField>>(letter.MissingFieldsJson, MessageJson.Options) ?? [])
            .GroupBy(f => f.Path).ToDictionary(g => g.Key, g => g.First().Label);
        letter.MissingFieldsJson = JsonSerializer.Serialize(
            LetterFields.Missing(updated).Select(path => new MissingField(path, labels.GetValueOrDefault(path, path))).ToList(), MessageJson.Options);
        if (!await letters.TryUpdateAsync(letter, cancellationToken))
        {
            await letters.DeleteVersionAsync(letterId, version, blobETag.Value, cancellationToken);
            return new(Outcome.Stale, await letters.GetAsync(letterId, cancellationToken), "Another coder changed this letter first.");
        }
        await cases.ChangeAsync(letter.CaseId, _ => new CaseChange("LetterEdited", null, user.Actor,
            $"Letter {letter.LetterId} version {version} saved.", user.Role.ToString()), cancellationToken);
        LogEdited(logger, letter.LetterId, version);
        return new(Outcome.Done, letter);
    }

    /// <summary>
    /// Records that an approved letter went out by portal, fax or mail: letter Submitted, case Submitted. The optional
    /// confirmation (a portal receipt, a fax report) is kept as a blob beside the letter's versions.
    /// </summary>
    public async Task<OperationResult<LetterEntity>> MarkSubmittedAsync(string letterId, SignedInUser user, Submission submission, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        // Without If-Match the coder means "whatever its state": a concurrent delivery update (Approved → Sent) is read again.
        for (var attempt = 0; ; attempt++)
        {
            var r = await TryMarkSubmittedAsync(letterId, user, submission, ifMatch, cancellationToken);
            if (r.Outcome != Outcome.Stale || ifMatch is not null || attempt >= 3) return r;
        }
    }

    private async Task<OperationResult<LetterEntity>> TryMarkSubmittedAsync(string letterId, SignedInUser user, Submission submission, string? ifMatch, CancellationToken cancellationToken)
    {
        var reference = submission.Reference.Trim();
        if (reference.Length is 0 or > MaxReferenceLength) return new(Outcome.Invalid, null, $"A reference of 1 to {MaxReferenceLength} characters is required.");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (submission.Date > today.AddDays(1)) return new(Outcome.Invalid, null, "The submission date is in the future.");
        var letter = await letters.GetAsync(letterId, cancellationToken);
        if (letter is null) return new(Outcome.NotFound, null, $"Letter {letterId} does not exist.");
        if (ifMatch is not null && ifMatch != letter.ETag.ToString()) return new(Outcome.Stale, letter, "Another coder changed this letter first.");
        var channel = submission.Channel.ToString().ToLowerInvariant();
        switch (letter.StatusValue)
        {
            case LetterStatus.Submitted when letter.SubmittedChannel == channel && letter.SubmittedReference == reference:
                return new(Outcome.AlreadyDone, letter, "The letter was already marked submitted.");
            case LetterStatus.Submitted:
                return new(Outcome.InvalidState, letter, "The letter was already marked submitted with another channel or reference.");
            case LetterStatus.PendingApproval or LetterStatus.Rejected:
                return new(Outcome.InvalidState, letter, "Only an approved letter can be submitted; approve it first.");
        }

        if (submission.Confirmation is { } file)
        {
            if (file.Content.CanSeek) file.Content.Position = 0; // a retried attempt uploads the whole file again
            var ext = Path.GetExtension(Ingest.DropClient.SafeBlobName(file.FileName));
            var name = $"confirmation-{time.GetUtcNow():yyyyMMddHHmmssfff}{(ext.Length is > 1 and <= 10 ? ext : ".bin")}";
            letter.ConfirmationBlob = await letters.WriteAttachmentAsync(letterId, name, file.Content, file.ContentType, cancellationToken);
        }
        letter.StatusValue = LetterStatus.Submitted;
        letter.SubmittedChannel = channel;
        letter.SubmittedReference = reference;
        letter.SubmittedOn = submission.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        letter.SubmittedBy = user.Actor;
        letter.FailureReason = null;
        if (!await letters.TryUpdateAsync(letter, cancellationToken))
            return new(Outcome.Stale, await letters.GetAsync(letterId, cancellationToken), "Another coder changed this letter first.");
        await cases.ChangeAsync(letter.CaseId, c =>
        {
            c.FailureReason = null;
            return new CaseChange("LetterSubmitted", CaseStatus.Submitted, user.Actor,
                $"Letter {letter.LetterId} submitted by {channel} on {submission.Date:yyyy-MM-dd}{(letter.ConfirmationBlob is null ? "" : "; confirmation stored")}.", user.Role.ToString());
        }, cancellationToken);
        LogSubmitted(logger, letter.LetterId, channel);
        return new(Outcome.Done, letter);
    }

    /// <summary>Assigns the case to a user (null or empty: unassigned). With If-Match, only if nobody changed the case since.</summary>
    public async Task<OperationResult<CaseEntity>> AssignAsync(string caseId, SignedInUser user, string? assignee, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim();
        if (assignee is { Length: > 100 }) return new(Outcome.Invalid, null, "The assignee name is too long.");
        var conflict = false;
        var same = false;
        var (saved, changed) = await cases.ChangeAsync(caseId, c =>
        {
            conflict = same = false;
            if (ifMatch is not null && ifMatch != c.ETag.ToString()) { conflict = true; return null; }
            if (c.AssignedTo == assignee) { same = true; return null; }
            c.AssignedTo = assignee;
            return new CaseChange("Reassigned", null, user.Actor, assignee is null ? "Unassigned." : $"Assigned to {assignee}.", user.Role.ToString());
        }, cancellationToken);
        if (saved is null) return new(Outcome.NotFound, null, $"Case {caseId} does not exist.");
        if (conflict) return new(Outcome.Stale, saved, "Someone changed this case first.");
        if (same && !changed) return new(Outcome.AlreadyDone, saved);
        LogAssigned(logger, caseId);
        return new(Outcome.Done, saved);
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Review: letter {LetterId} approved")]
    private static partial void LogApproved(ILogger logger, string letterId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Review: letter {LetterId} rejected (manual work: {Manual})")]
    private static partial void LogRejected(ILogger logger, string letterId, bool manual);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Review: letter {LetterId} version {Version} saved")]
    private static partial void LogEdited(ILogger logger, string letterId, int version);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Review: letter {LetterId} marked submitted by {Channel}")]
    private static partial void LogSubmitted(ILogger logger, string letterId, string channel);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Review: case {CaseId} reassigned")]
    private static partial void LogAssigned(ILogger logger, string caseId);
}
