using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Letters;

/// <summary>
/// A drafting request that failed every attempt: its case is marked Failed. A message of several cases (which only fails
/// as a whole when a send failed on every attempt: <see cref="CaseBatch"/>) marks the cases not yet drafted.
/// </summary>
public sealed class DraftPoisonRecorder(CaseStore cases) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.DenialDrafting;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default)
    {
        if (MessageJson.TryDeserialize<DraftRequested>(body) is not { } message) return null;
        if (message.More is null) return await cases.MarkPoisonedAsync(message.CaseId, detail, cancellationToken);
        // Not drafted yet: Researched to a letter (a case drafting leaves Researched on purpose has no letter to wait for).
        var marked = await cases.MarkPoisonedAsync(message.CaseIds,
            c => c.StatusValue == CaseStatus.Researched && Research.ResearchHandler.NeedsLetter(c.Action), detail, cancellationToken);
        return marked.Count == 0 ? null : string.Join(',', marked);
    }
}
