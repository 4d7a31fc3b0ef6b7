using DenialPipeline.Pipeline;

namespace DenialPipeline.Ingest;

/// <summary>
/// The research requests of one file's ingest, sent <see cref="IngestOptions.ClaimsPerResearchMessage"/> cases a message
/// (<see cref="CaseBatch"/>) as case openings, which run concurrently, add them. A crash before a message is sent leaves
/// its cases New, as a crash between a case's creation and its send always did: the file's redelivered message asks for
/// research of every case of the file still New.
/// </summary>
internal sealed class ResearchOutbox(PipelineQueues queues, int perMessage)
{
    private readonly Lock _gate = new();
    private List<string> _waiting = [];

    /// <summary>Adds a case; sends a message when it makes one full.</summary>
    public Task AddAsync(string caseId, CancellationToken cancellationToken)
    {
        List<string>? full = null;
        lock (_gate)
        {
            _waiting.Add(caseId);
            if (_waiting.Count >= perMessage) (full, _waiting) = (_waiting, []);
        }
        return full is null ? Task.CompletedTask : queues.SendResearchAsync(full, perMessage, cancellationToken);
    }

    /// <summary>Sends what waits (the file's last, partial message).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        List<string> rest;
        lock (_gate) (rest, _waiting) = (_waiting, []);
        return rest.Count == 0 ? Task.CompletedTask : queues.SendResearchAsync(rest, perMessage, cancellationToken);
    }
}
