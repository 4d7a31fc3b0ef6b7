namespace DenialPipeline.Operations;

/// <summary>
/// What an operation (approve, reject, edit, mark submitted, assign, close, file retry…) came to. Handlers say what
/// happened in these words; the HTTP API turns each into one status in one place (<c>Api/ApiProblems</c>).
/// </summary>
public enum Outcome
{
    /// <summary>The change was made.</summary>
    Done,

    /// <summary>The change was already made (a repeated request): nothing changed, and that is fine.</summary>
    AlreadyDone,

    /// <summary>The request itself is wrong (missing reason, unknown outcome, bad value).</summary>
    Invalid,

    /// <summary>The thing asked about does not exist.</summary>
    NotFound,

    /// <summary>Not possible in the state the thing is in (a rejected letter cannot be approved).</summary>
    InvalidState,

    /// <summary>Someone changed the thing since the caller read it (its ETag no longer matches): nothing was overwritten.</summary>
    Stale,

    /// <summary>The caller must say which version it changes (If-Match) and did not.</summary>
    PreconditionRequired,

    /// <summary>Fields still need a person's input before this can go on.</summary>
    NeedsInput,
}
