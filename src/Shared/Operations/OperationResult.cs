namespace DenialPipeline.Operations;

/// <summary>
/// The one answer every operation gives: its <see cref="Outcome"/>, the thing as it is now (the changed thing, or the
/// one that won a conflict; null when there is none) and a sentence a user can act on.
/// </summary>
/// <typeparam name="T">The thing operated on (a letter, a case, a file row).</typeparam>
public sealed record OperationResult<T>(Outcome Outcome, T? Value, string? Message = null) where T : class
{
    /// <summary>
    /// A finer name of a failure than its outcome (e.g. <c>blob-missing</c>, an <see cref="Outcome.InvalidState"/> of a
    /// file whose original is gone), for clients that act on it; null: the outcome's own.
    /// </summary>
    public string? Problem { get; init; }

    /// <summary>Facts that go with a failure, by name (e.g. <c>missingFields</c> with <see cref="Outcome.NeedsInput"/>).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = EmptyExtensions;

    /// <summary>True when the change was made now or before.</summary>
    public bool Succeeded => Outcome is Outcome.Done or Outcome.AlreadyDone;

    private static readonly IReadOnlyDictionary<string, object?> EmptyExtensions = new Dictionary<string, object?>();
}
