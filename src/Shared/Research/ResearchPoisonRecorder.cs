using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Research;

/// <summary>
/// A research request that failed every attempt: its case is marked Failed. A message of several cases (which only fails
/// as a whole when a send failed on every attempt: <see cref="CaseBatch"/>) marks the cases it had not done.
/// </summary>
public sealed class ResearchPoisonRecorder(CaseStore cases) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.DenialResearch;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default)
    {
        if (MessageJson.TryDeserialize<ResearchRequested>(body) is not { } message) return null;
        if (message.More is null) return await cases.MarkPoisonedAsync(message.CaseId, detail, cancellationToken);
        var marked = await cases.MarkPoisonedAsync(message.CaseIds, NotDone, detail, cancellationToken);
        return marked.Count == 0 ? null : string.Join(',', marked);
    }

    /// <summary>
    /// What research of a message of several had not done: a case still New, or one researched to a letter whose drafting
    /// was never asked for (the message asks for drafting after its last case). An Unmatched case is a finished research
    /// (the next records import researches it again), so it is left as it is.
    /// </summary>
    private static bool NotDone(CaseEntity c) =>
        c.StatusValue == CaseStatus.New || (c.StatusValue == CaseStatus.Researched && ResearchHandler.NeedsLetter(c.Action));
}
