using DenialPipeline.Mail;
using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Delivery;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Letters;

/// <summary>
/// Stage 3 (queue <c>denial-drafting</c>): drafts every letter a researched case needs (an appeal and a provider
/// query may both be needed) from the Liquid templates, and puts them in the coders' approval queue. Letter ids
/// are derived from the case, letter type and drafting round (<see cref="LetterIdFor"/>), so redelivery drafts
/// nothing twice and a redraft after a rejection is a new letter. A missing field is listed on
/// the letter (and marked in it), never left blank.
/// </summary>
public sealed partial class DraftHandler(
    CaseStore cases, LetterStore letters, RecordStore records, LetterRenderer renderer, LetterContextFactory contexts,
    PipelineQueues queues, IOptions<DeliveryOptions> delivery, TimeProvider time, ILogger<DraftHandler> logger)
{
    /// <summary>Drafts for every case of the message (<see cref="CaseBatch"/>: one that fails goes back on its own, the rest in a new message).</summary>
    public async Task HandleAsync(DraftRequested message, CancellationToken cancellationToken = default)
    {
        var outcome = await CaseBatch.RunEachAsync(message.CaseIds, id => DraftCaseAsync(id, cancellationToken), cancellationToken);
        await CaseBatch.SendBackAsync(outcome, StorageNames.Queues.DenialDrafting, ids => queues.SendDraftAsync(ids, cancellationToken), logger);
    }

    private async Task DraftCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        var c = await cases.GetForChangeAsync(caseId, c => c.StatusValue == CaseStatus.Researched, cancellationToken);
        if (c is null)
        {
            LogUnknownCase(logger, caseId);
            return;
        }
        if (c.StatusValue is not (CaseStatus.Researched or CaseStatus.Drafted)) return;
        var payload = RemittancePayload.FromBytes(c.RemittancePayload);
        var research = c.ResearchJson is { Length: > 0 } json ? JsonSerializer.Deserialize<ResearchResult>(json, MessageJson.Options) : null;
        if (payload is null || research is null) return; // nothing to draft from: the case stays Researched for a coder

        // The records research decided from (stored on the case); read again only for cases researched before that.
        var snapshot = RecordsSnapshotPayload.FromBytes(c.RecordsSnapshot)
            ?? (await records.SnapshotAsync(payload.Transaction, payload.Claim, cancellationToken: cancellationToken)).Snapshot;
        var level = Math.Max(1, c.AppealLevel);
        var context = contexts.Create(c.CaseId, payload.Transaction, payload.Claim, research, snapshot, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
            with { AppealLevel = level };
        var types = LetterPlanner.LettersForCase(research, context.Payer?.Kind, level);

        var earlier = await EarlierLettersAsync(c, cancellationToken);
        var drafted = new List<LetterEntity>();
        foreach (var type in types)
        {
            // A later drafting round (after a rejection): a type that still has a live letter (pending, approved, sent…)
            // keeps it; only a type whose letters were all rejected gets a new one.
            if (earlier.FirstOrDefault(l => l.Type == type.ToString() && l.StatusValue != LetterStatus.Rejected) is { } live)
                drafted.Add(live);
            else
                drafted.Add(await DraftAsync(c, type, LetterContextFactory.ForLetter(context, type, research), snapshot, cancellationToken));
        }
        await RecordDraftedAsync(c, drafted, cancellationToken);
    }

    /// <summary>The case's letters of earlier drafting rounds; round 1 needs no reads: nothing exists yet.</summary>
    private async Task<List<LetterEntity>> EarlierLettersAsync(CaseEntity c, CancellationToken cancellationToken)
    {
        var earlier = new List<LetterEntity>();
        if (Math.Max(1, c.DraftRound) <= 1) return earlier;
        foreach (var id in c.LetterIdList)
            if (await letters.GetAsync(id, cancellationToken) is { } l) earlier.Add(l);
        return earlier;
    }

    /// <summary>Renders one letter and stores it pending approval (insert if absent: a redelivery drafts nothing twice).</summary>
    private async Task<LetterEntity> DraftAsync(CaseEntity c, LetterType type, LetterContext context, RecordsSnapshot snapshot, CancellationToken cancellationToken)
    {
        var round = Math.Max(1, c.DraftRound);
        var rendered = renderer.Render(type, context);
        // A later Medicare level goes to the office its notice names (QIC, OMHA), never to the MAC's appeal mailbox.
        var email = rendered.Recipient.Kind == RecipientKind.Provider ? snapshot.Provider?.QueryEmail
            : LetterModel.IsOfficeLetter(type) ? null
            : snapshot.Payer?.AppealEmail;
        var (letter, created) = await letters.CreateIfAbsentAsync(new LetterEntity
        {
            LetterId = LetterIdFor(c.CaseId, type, round),
            Attempt = round,
            CaseId = c.CaseId,
            Type = type.ToString(),
            RecipientKind = rendered.Recipient.Kind.ToString(),
            RecipientName = rendered.Recipient.Name ?? "",
            RecipientChannel = rendered.Recipient.Channel.ToString(),
            RecipientAddress = rendered.Recipient.Address,
            RecipientEmail = email ?? delivery.Value.DefaultRecipientEmail,
            PayerId = c.PayerId,
            Subject = rendered.Subject,
            TemplateSource = rendered.TemplateSource,
            MissingFieldsJson = JsonSerializer.Serialize(rendered.MissingFields, MessageJson.Options),
        }, rendered.Html, cancellationToken);
        if (created) LogDrafted(logger, c.CaseId, letter.LetterId, letter.Type, rendered.MissingFields.Count);
        return letter;
    }

    /// <summary>Adds the new letters to the case and moves it to Drafted, with its history row.</summary>
    private Task RecordDraftedAsync(CaseEntity c, List<LetterEntity> drafted, CancellationToken cancellationToken) =>
        cases.ChangeAsync(c, current =>
        {
            if (current.DraftRound != c.DraftRound) return null; // rejected again meanwhile: that round drafts
            var missing = drafted.Where(l => !current.LetterIdList.Contains(l.LetterId)).ToList();
            if (missing.Count == 0)
            {
                // Nothing new, yet a letter kept from an earlier round still waits for approval: the case is Drafted.
                if (current.StatusValue != CaseStatus.Researched || !drafted.Any(l => l.StatusValue == LetterStatus.PendingApproval)) return null;
                return new CaseChange("Drafted", CaseStatus.Drafted, "system:draft",
                    $"No new letter needed; {string.Join(", ", drafted.Select(l => $"{l.Type} ({l.LetterId})"))} pending approval.");
            }
            current.LetterIds = string.Join(',', current.LetterIdList.Concat(missing.Select(l => l.LetterId)));
            return new CaseChange("Drafted", CaseStatus.Drafted, "system:draft",
                $"Drafted {string.Join(", ", missing.Select(l => $"{l.Type} ({l.LetterId})"))}; pending approval.");
        }, cancellationToken);

    /// <summary>
    /// A letter's id: derived from the case, the letter type and the drafting round, so a redelivered message drafts
    /// nothing twice and a redraft after a rejection gets a new id (round 1 keeps the original form).
    /// </summary>
    public static string LetterIdFor(string caseId, LetterType type, int round) =>
        round <= 1 ? Keys.Hash("l", caseId, type.ToString()) : Keys.Hash("l", caseId, type.ToString(), $"round{round}");

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Draft: case {CaseId} does not exist; message skipped")]
    private static partial void LogUnknownCase(ILogger logger, string caseId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Draft: case {CaseId} letter {LetterId} ({Type}) pending approval, {Missing} fields need input")]
    private static partial void LogDrafted(ILogger logger, string caseId, string letterId, string type, int missing);
}
