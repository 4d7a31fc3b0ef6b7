using System.Text.RegularExpressions;
using DenialPipeline.Api;
using DenialPipeline.Operations;
using Microsoft.AspNetCore.Mvc;

namespace DenialPipeline.Tests.Api;

/// <summary>Operations become HTTP in one place (<see cref="ApiProblems"/>), and docs/api.md's "Errors" table says what it does.</summary>
public sealed partial class ApiProblemsTests
{
    private sealed record Thing(string Id);

    private static ApiResult Answer(OperationResult<Thing> r) => ApiProblems.From(r, t => new { id = t.Id });

    [Theory]
    [InlineData(Outcome.Invalid, 400)]
    [InlineData(Outcome.NotFound, 404)]
    [InlineData(Outcome.InvalidState, 409)]
    [InlineData(Outcome.Stale, 412)]
    [InlineData(Outcome.NeedsInput, 422)]
    [InlineData(Outcome.PreconditionRequired, 428)]
    public void EveryFailedOutcome_IsAProblemOfItsStatus(Outcome outcome, int status)
    {
        var answer = Answer(new OperationResult<Thing>(outcome, null, "What went wrong, in a sentence."));

        Assert.Equal(status, answer.Status);
        Assert.Equal(ApiProblems.ContentType, answer.ContentType);
        var problem = Assert.IsType<ProblemDetails>(answer.Body);
        Assert.Equal((status, "What went wrong, in a sentence."), (problem.Status, problem.Detail));
        Assert.StartsWith(ApiProblems.TypePrefix, problem.Type, StringComparison.Ordinal);
        Assert.False(problem.Extensions.ContainsKey("current"));
    }

    [Theory]
    [InlineData(Outcome.Done)]
    [InlineData(Outcome.AlreadyDone)]
    public void ASuccess_IsTheView_WithItsETag(Outcome outcome)
    {
        var answer = ApiProblems.From(new OperationResult<Thing>(outcome, new Thing("t1")), t => t.Id, _ => "W/\"1\"", successStatus: 202);

        Assert.Equal((202, "t1", "W/\"1\""), (answer.Status, answer.Body, answer.ETag));
    }

    [Theory]
    [InlineData(Outcome.Stale)]
    [InlineData(Outcome.InvalidState)]
    public void AConflict_CarriesTheStateThatWon_AsCurrent(Outcome outcome)
    {
        var problem = Assert.IsType<ProblemDetails>(Answer(new OperationResult<Thing>(outcome, new Thing("t1"), "Changed.")).Body);

        Assert.Equal("t1", problem.Extensions["current"]!.GetType().GetProperty("id")!.GetValue(problem.Extensions["current"]));
    }

    [Fact]
    public void AFinerProblem_AndExtensions_AreKept()
    {
        var r = new OperationResult<Thing>(Outcome.InvalidState, new Thing("f1"), "Gone.")
        {
            Problem = ApiProblems.BlobMissing.Code,
            Extensions = new Dictionary<string, object?> { ["hint"] = "drop it again" },
        };

        var problem = Assert.IsType<ProblemDetails>(Answer(r).Body);

        Assert.Equal((ApiProblems.BlobMissing.Type, 409, "drop it again"), (problem.Type, problem.Status, problem.Extensions["hint"]));
    }

    [Fact]
    public void DocsErrorsTable_ListsEveryKind_WithItsStatusAndTitle()
    {
        var text = File.ReadAllText(Path.Combine(Root(), "docs", "api.md"));
        var documented = ProblemRow().Matches(text).Select(m => (m.Groups["code"].Value, int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["title"].Value)).ToList();

        Assert.Equal(ApiProblems.Kinds.Select(k => (k.Code, k.Status, k.Title)).ToList(), documented);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("DenialPipeline.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"^\| `(?<code>[a-z-]+)` \| (?<status>\d{3}) \| (?<title>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex ProblemRow();
}
