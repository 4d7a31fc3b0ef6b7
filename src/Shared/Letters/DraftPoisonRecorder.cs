using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Letters;

/// <summary>A drafting request that failed every attempt: its case is marked Failed.</summary>
public sealed class DraftPoisonRecorder(CaseStore cases) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.DenialDrafting;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default) =>
        MessageJson.TryDeserialize<DraftRequested>(body)?.CaseId is { } caseId
            ? await cases.MarkPoisonedAsync(caseId, detail, cancellationToken)
            : null;
}
