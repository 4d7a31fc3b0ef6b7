using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Research;

/// <summary>
/// A research request that failed every attempt: its case is marked Failed. A message of several cases (which only fails
/// as a whole when putting a failed case back failed too: <see cref="CaseBatch"/>) marks the cases not yet researched.
/// </summary>
public sealed class ResearchPoisonRecorder(CaseStore cases) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.DenialResearch;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default)
    {
        if (MessageJson.TryDeserialize<ResearchRequested>(body) is not { } message) return null;
        if (message.More is null) return await cases.MarkPoisonedAsync(message.CaseId, detail, cancellationToken);
        var marked = await cases.MarkPoisonedAsync(message.CaseIds, c => c.StatusValue is CaseStatus.New or CaseStatus.Unmatched, detail, cancellationToken);
        return marked.Count == 0 ? null : string.Join(',', marked);
    }
}
