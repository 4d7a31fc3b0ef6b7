using DenialPipeline.Cases;
using DenialPipeline.Storage;

namespace DenialPipeline.Research.Records;

/// <summary>Imports a records file, then researches the Unmatched cases again: the new records may be what they lacked.</summary>
public sealed class RecordsImport(RecordStore records, CaseStore cases, PipelineQueues queues)
{
    public const long MaxBytes = 50 * 1024 * 1024;

    public async Task<(RecordImportReport Report, int Requeued)> ImportAsync(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        var report = await records.ImportAsync(fileName, content, cancellationToken);
        var requeued = 0;
        if (report.Total > 0)
        {
            foreach (var c in await cases.ListAsync(CaseStatus.Unmatched, cancellationToken))
            {
                await queues.SendResearchAsync(c.CaseId, cancellationToken);
                requeued++;
            }
        }
        return (report, requeued);
    }
}
