using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Research;

/// <summary>
/// Stage 2 (queue <c>denial-research</c>): decides the category, action and evidence of a new case, then asks for
/// correspondence when the action needs a letter. Idempotent: a case already past New is left alone.
/// </summary>
public sealed partial class ResearchHandler(CaseStore cases, CarcActions codes, PipelineQueues queues, ILogger<ResearchHandler> logger)
{
    private static readonly HashSet<string> ActionsWithLetters = new(StringComparer.Ordinal)
    {
        "Appeal", "CorrectedClaim", "ProviderQuery", "RequestRetroAuthorization",
    };

    public async Task HandleAsync(ResearchRequested message, CancellationToken cancellationToken = default)
    {
        string? action = null;
        var (saved, changed) = await cases.ChangeAsync(message.CaseId, c =>
        {
            if (c.StatusValue != CaseStatus.New) return null;
            var claim = ClaimSnapshot.Deserialize(c.ClaimJson);
            var decision = Decide(claim);
            c.Category = decision.Category;
            c.Action = action = decision.Action;
            c.Summary = decision.Summary;
            c.ResearchJson = JsonSerializer.Serialize(decision, MessageJson.Options);
            c.Priority = Math.Round(c.DeniedAmount, 2);
            return new CaseChange("Researched", CaseStatus.Researched, "system:research",
                $"Category {decision.Category}; action {decision.Action}; reasons {c.ReasonCodes}.");
        }, cancellationToken);

        if (saved is null)
        {
            LogUnknownCase(logger, message.CaseId);
            return; // permanent: the case does not exist
        }
        if (!changed)
        {
            // Redelivery: the decision was made before; make sure drafting was asked for.
            if (saved.StatusValue == CaseStatus.Researched && saved.Action is { } a && ActionsWithLetters.Contains(a))
                await queues.SendDraftAsync(saved.CaseId, cancellationToken);
            return;
        }
        LogResearched(logger, saved.CaseId, saved.Category ?? "", action ?? "");
        if (action is not null && ActionsWithLetters.Contains(action))
            await queues.SendDraftAsync(saved.CaseId, cancellationToken);
    }

    public sealed record Finding(string Code, string Plain, decimal Amount, bool Known);

    public sealed record Decision(string Category, string Action, string Summary, IReadOnlyList<Finding> Findings);

    /// <summary>The dominant workable adjustment (largest amount) decides; every code is kept as evidence.</summary>
    private Decision Decide(ClaimSnapshot? claim)
    {
        if (claim is null) return new Decision("Other", "ManualReview", "The claim details could not be read; review by hand.", []);
        var findings = claim.AllAdjustments
            .GroupBy(a => a.Code)
            .Select(g =>
            {
                var entry = codes.Find(g.First().Reason);
                return new Finding(g.Key, entry?.Plain ?? $"Unknown reason code {g.First().Reason}.", g.Sum(a => a.Amount), entry is not null);
            })
            .ToList();
        var dominant = claim.AllAdjustments.Where(a => a.Group != "PR" && a.Workable).OrderByDescending(a => a.Amount).FirstOrDefault()
                       ?? claim.AllAdjustments.OrderByDescending(a => a.Amount).FirstOrDefault();
        if (dominant is null)
            return new Decision("Other", "ManualReview", "Denied without an adjustment reason; review by hand.", findings);
        var rule = codes.Find(dominant.Reason);
        if (rule is null)
            return new Decision("Other", "ManualReview", $"Reason {dominant.Code} is not in the code book; review by hand.", findings);
        var action = dominant.Group == "PR" ? "BillPatient" : rule.Action;
        return new Decision(rule.Category, action, $"{dominant.Code}: {rule.Plain}", findings);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Research: case {CaseId} does not exist; message skipped")]
    private static partial void LogUnknownCase(ILogger logger, string caseId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Research: case {CaseId} is {Category}, action {Action}")]
    private static partial void LogResearched(ILogger logger, string caseId, string category, string action);
}
