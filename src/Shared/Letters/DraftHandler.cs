using DenialPipeline.Cases;
using DenialPipeline.Delivery;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Letters;

/// <summary>
/// Stage 3 (queue <c>denial-drafting</c>): drafts the letter a researched case needs and puts it in the coders'
/// approval queue. The letter id is derived from the case and letter type, so redelivery drafts nothing twice.
/// </summary>
public sealed partial class DraftHandler(
    CaseStore cases, LetterStore letters, IOptions<DeliveryOptions> delivery, TimeProvider time, ILogger<DraftHandler> logger)
{
    public async Task HandleAsync(DraftRequested message, CancellationToken cancellationToken = default)
    {
        var c = await cases.GetAsync(message.CaseId, cancellationToken);
        if (c is null)
        {
            LogUnknownCase(logger, message.CaseId);
            return;
        }
        if (c.StatusValue is not (CaseStatus.Researched or CaseStatus.Drafted)) return;
        if (PlainLetterComposer.LetterFor(c.Action) is not { } need) return;

        var letterId = Keys.Hash("l", c.CaseId, need.Type);
        var html = PlainLetterComposer.Compose(need.Type, c, ClaimSnapshot.Deserialize(c.ClaimJson), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var (letter, created) = await letters.CreateIfAbsentAsync(new LetterEntity
        {
            LetterId = letterId,
            CaseId = c.CaseId,
            Type = need.Type,
            RecipientKind = need.RecipientKind,
            RecipientName = need.RecipientKind == "Payer" ? c.PayerName : "Rendering provider",
            RecipientEmail = delivery.Value.DefaultRecipientEmail,
            Subject = $"{need.Type} for case {c.CaseId}",
        }, html, cancellationToken);

        await cases.ChangeAsync(c.CaseId, current =>
        {
            if (current.LetterIdList.Contains(letter.LetterId)) return null;
            current.LetterIds = string.Join(',', current.LetterIdList.Append(letter.LetterId));
            return new CaseChange("Drafted", CaseStatus.Drafted, "system:draft", $"Letter {letter.LetterId} ({letter.Type}) drafted, pending approval.");
        }, cancellationToken);
        if (created) LogDrafted(logger, c.CaseId, letter.LetterId, letter.Type);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Draft: case {CaseId} does not exist; message skipped")]
    private static partial void LogUnknownCase(ILogger logger, string caseId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Draft: case {CaseId} letter {LetterId} ({Type}) pending approval")]
    private static partial void LogDrafted(ILogger logger, string caseId, string letterId, string type);
}
