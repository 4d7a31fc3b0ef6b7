using DenialPipeline.Pipeline;

namespace DenialPipeline.Ingest;

/// <summary>
/// The research requests of one file's ingest, sent <see cref="IngestOptions.ClaimsPerResearchMessage"/> cases a message
/// (<see cref="CaseBatch"/>) as case openings, which run concurrently, add them. A message whose send fails keeps its
/// cases waiting here; when the file's ingest fails, <see cref="TrySendWaitingAsync"/> still sends what waits, so a case
/// opened before the failure asks for research even if the file's retries never succeed. A crash (the process gone)
/// leaves the cases New, as a crash between a case's creation and its send always did: the file's redelivered message
/// asks for research of every case of the file still New.
/// </summary>
internal sealed class ResearchOutbox(PipelineQueues queues, int perMessage)
{
    private readonly Lock _gate = new();
    private List<string> _waiting = [];

    /// <summary>Adds a case; sends a message when it makes one full.</summary>
    public async Task AddAsync(string caseId, CancellationToken cancellationToken)
    {
        List<string>? full = null;
        lock (_gate)
        {
            _waiting.Add(caseId);
            if (_waiting.Count >= perMessage) (full, _waiting) = (_waiting, []);
        }
        if (full is not null) await SendAsync(full, cancellationToken);
    }

    /// <summary>Sends what waits (the file's last, partial message).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        List<string> rest;
        lock (_gate) (rest, _waiting) = (_waiting, []);
        return rest.Count == 0 ? Task.CompletedTask : SendAsync(rest, cancellationToken);
    }

    /// <summary>
    /// The file's ingest failed: once the case openings still running have ended (<paramref name="openings"/>, their own
    /// failures already on their way up), sends what waits. Best effort: storage may be what failed; the exception that
    /// ended the ingest is the one that counts.
    /// </summary>
    public async Task TrySendWaitingAsync(IEnumerable<Task> openings)
    {
        try { await Task.WhenAll(openings); } catch (Exception) { /* reported by the ingest's own exception */ }
        try { await FlushAsync(CancellationToken.None); } catch (Exception) { /* the cases stay New; a redelivery sends them */ }
    }

    private async Task SendAsync(List<string> caseIds, CancellationToken cancellationToken)
    {
        try { await queues.SendResearchAsync(caseIds, perMessage, cancellationToken); }
        catch (Exception)
        {
            lock (_gate) _waiting.InsertRange(0, caseIds); // not sent: they wait for the next flush
            throw;
        }
    }
}
