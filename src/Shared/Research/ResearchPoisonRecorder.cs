using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Research;

/// <summary>A research request that failed every attempt: its case is marked Failed.</summary>
public sealed class ResearchPoisonRecorder(CaseStore cases) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.DenialResearch;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default) =>
        MessageJson.TryDeserialize<ResearchRequested>(body)?.CaseId is { } caseId
            ? await cases.MarkPoisonedAsync(caseId, detail, cancellationToken)
            : null;
}
