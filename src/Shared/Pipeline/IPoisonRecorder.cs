namespace DenialPipeline.Pipeline;

/// <summary>
/// One stage's way of showing users that a message of its queue failed every attempt (the file, case or letter is marked
/// Failed). Each stage registers its own, so the pipeline plumbing needs to know none of them.
/// </summary>
public interface IPoisonRecorder
{
    /// <summary>The queue whose messages this recorder handles.</summary>
    string Queue { get; }

    /// <summary>Marks what the message was about as failed with <paramref name="detail"/>.</summary>
    /// <returns>The id of what was marked failed; null when nothing was (unreadable message, or nothing had failed for users).</returns>
    Task<string?> RecordAsync(string body, string detail, CancellationToken cancellationToken = default);
}
