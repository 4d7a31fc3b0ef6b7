using DenialPipeline.Pipeline;
using DenialPipeline.Storage;

namespace DenialPipeline.Ingest;

/// <summary>A file message that failed every attempt: the file is marked Failed (with a row even if ingest never wrote one).</summary>
public sealed class IngestPoisonRecorder(RemittanceFileStore files) : IPoisonRecorder
{
    public string Queue => StorageNames.Queues.DenialFiles;

    public async Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default)
    {
        if (MessageJson.TryDeserialize<BlobCreatedEvent>(body)?.ParseSubject() is not { } at) return null;
        await files.FailAsync(at.Container, at.BlobName, detail, cancellationToken);
        return IngestHandler.FileIdFor(at.Container, at.BlobName);
    }
}
