using DenialPipeline.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DenialPipeline.Api;

/// <summary>
/// The one place where operations become HTTP answers, for both hosts: success → 200/202 with the view, every failure →
/// an RFC 9457 problem (<c>application/problem+json</c>: type, title, status, detail, and <c>current</c> /
/// <c>missingFields</c> where they help the client). Access refusals (401/403) and request validation use the same kinds.
/// </summary>
public static class ApiProblems
{
    public const string TypePrefix = "urn:denial-pipeline:problem:";
    public const string ContentType = "application/problem+json";

    public static readonly ProblemKind BadRequest = new("bad-request", StatusCodes.Status400BadRequest, "The request is not valid.");
    public static readonly ProblemKind Unauthorized = new("unauthorized", StatusCodes.Status401Unauthorized, "Sign in first.");
    public static readonly ProblemKind Forbidden = new("forbidden", StatusCodes.Status403Forbidden, "Your roles do not allow this.");
    public static readonly ProblemKind NotFound = new("not-found", StatusCodes.Status404NotFound, "It does not exist.");
    public static readonly ProblemKind InvalidState = new("invalid-state", StatusCodes.Status409Conflict, "Not possible in its current state.");
    public static readonly ProblemKind BlobMissing = new("blob-missing", StatusCodes.Status409Conflict, "The file's original is no longer stored.");
    public static readonly ProblemKind NotADropContainer = new("not-a-drop-container", StatusCodes.Status409Conflict, "The file is not in a drop container.");
    public static readonly ProblemKind Stale = new("stale", StatusCodes.Status412PreconditionFailed, "Someone changed it first.");
    public static readonly ProblemKind TooLarge = new("too-large", StatusCodes.Status413PayloadTooLarge, "The body is too large.");
    public static readonly ProblemKind NeedsInput = new("needs-input", StatusCodes.Status422UnprocessableEntity, "Fields still need input.");
    public static readonly ProblemKind PreconditionRequired = new("precondition-required", StatusCodes.Status428PreconditionRequired, "Send the ETag you read in If-Match.");

    /// <summary>Every kind the API answers with (docs/api.md lists the same; a test keeps them equal).</summary>
    public static readonly IReadOnlyList<ProblemKind> Kinds =
        [BadRequest, Unauthorized, Forbidden, NotFound, InvalidState, BlobMissing, NotADropContainer, Stale, TooLarge, NeedsInput, PreconditionRequired];

    /// <summary>The kind of a failed operation: its finer <see cref="OperationResult{T}.Problem"/> if any, else its outcome's.</summary>
    public static ProblemKind KindOf(Outcome outcome, string? problem = null)
    {
        if (problem is not null)
            return Kinds.FirstOrDefault(k => k.Code == problem) ?? throw new ArgumentException($"Unknown problem '{problem}'.", nameof(problem));
        return outcome switch
        {
            Outcome.Invalid => BadRequest,
            Outcome.NotFound => NotFound,
            Outcome.InvalidState => InvalidState,
            Outcome.Stale => Stale,
            Outcome.PreconditionRequired => PreconditionRequired,
            Outcome.NeedsInput => NeedsInput,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A successful outcome is not a problem."),
        };
    }

    /// <summary>A problem answer of this kind with the occurrence's sentence and extension members.</summary>
    public static ApiResult Problem(ProblemKind kind, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var body = new ProblemDetails { Type = kind.Type, Title = kind.Title, Status = kind.Status, Detail = detail };
        foreach (var (name, value) in extensions ?? []) body.Extensions[name] = value;
        return new ApiResult(kind.Status, body, null, ContentType);
    }

    /// <summary>
    /// An operation's answer: on success <paramref name="successStatus"/> with the view (and the ETag, if given); on a
    /// conflict (409/412) the problem carries the state that won as <c>current</c>, so the client can show it at once.
    /// </summary>
    public static ApiResult From<T>(OperationResult<T> result, Func<T, object> view, Func<T, string?>? etag = null, int successStatus = StatusCodes.Status200OK)
        where T : class
    {
        if (result.Succeeded) return new ApiResult(successStatus, view(result.Value!), etag?.Invoke(result.Value!));
        var kind = KindOf(result.Outcome, result.Problem);
        var extensions = new Dictionary<string, object?>();
        if (result.Outcome is Outcome.Stale or Outcome.InvalidState && result.Value is not null) extensions["current"] = view(result.Value);
        foreach (var (name, value) in result.Extensions) extensions[name] = value;
        return Problem(kind, result.Message ?? kind.Title, extensions);
    }
}
