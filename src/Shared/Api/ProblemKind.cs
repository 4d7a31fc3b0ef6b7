namespace DenialPipeline.Api;

/// <summary>
/// One kind of API error: its RFC 9457 <c>type</c> (<see cref="Type"/>), the HTTP status and a title that stays the
/// same for every occurrence (the occurrence's own sentence goes in <c>detail</c>). The kinds are listed in
/// <see cref="ApiProblems.Kinds"/> and documented in docs/api.md ("Errors").
/// </summary>
public sealed record ProblemKind(string Code, int Status, string Title)
{
    /// <summary>The problem type: a URN, stable across hosts and deployments (not a page to fetch).</summary>
    public string Type => ApiProblems.TypePrefix + Code;
}
