using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DenialPipeline.Testing;

/// <summary>One request that must fail with one kind of problem, the same from either host.</summary>
/// <param name="Route">The route template relative to <c>/api</c> (<see cref="ApiRoutes"/>), with <paramref name="Id"/> for <c>{id}</c>.</param>
/// <param name="Role">The role the caller signs in with; null: nobody signed in.</param>
public sealed record ProblemScenario(
    string Method, string Route, string? Id, string? Query, Cases.Role? Role, string? Body, string? IfMatch, ProblemKind Expected)
{
    public string Path => "/api/" + Route.Replace("{id}", Id, StringComparison.Ordinal) + Query;

    public override string ToString() => $"{Expected.Status} {Expected.Code}: {Method} {Path}";
}

/// <summary>
/// Every error class of the API (400, 401, 403, 404, 409, 412, 422, 428) provoked once, with the data it needs, so the
/// local host's tests (over HTTP) and the Functions app's tests (calling the function classes) check the same answers.
/// </summary>
public static class ProblemScenarios
{
    public const string CaseId = "cproblems";
    public const string PendingLetter = "lproblems-pending";
    public const string RejectedLetter = "lproblems-rejected";
    public const string NeedsInputLetter = "lproblems-needs-input";

    /// <summary>An If-Match placeholder: the letter's current ETag, read just before the request (approve and reject require one).</summary>
    public const string CurrentETag = "{current}";

    public static readonly IReadOnlyList<ProblemScenario> All =
    [
        new("GET", ApiRoutes.Cases, null, "?status=bogus", Cases.Role.Coder, null, null, ApiProblems.BadRequest),
        new("GET", ApiRoutes.Cases, null, null, null, null, null, ApiProblems.Unauthorized),
        new("GET", ApiRoutes.Metrics, null, null, Cases.Role.Coder, null, null, ApiProblems.Forbidden),
        new("GET", ApiRoutes.Case, "cnosuchcase", null, Cases.Role.Coder, null, null, ApiProblems.NotFound),
        new("POST", ApiRoutes.ApproveLetter, RejectedLetter, null, Cases.Role.Coder, null, CurrentETag, ApiProblems.InvalidState),
        new("POST", ApiRoutes.ApproveLetter, PendingLetter, null, Cases.Role.Coder, null, "W/\"stale\"", ApiProblems.Stale),
        new("POST", ApiRoutes.ApproveLetter, NeedsInputLetter, null, Cases.Role.Coder, null, CurrentETag, ApiProblems.NeedsInput),
        new("POST", ApiRoutes.ApproveLetter, PendingLetter, null, Cases.Role.Coder, null, null, ApiProblems.PreconditionRequired),
        new("PUT", ApiRoutes.Letter, PendingLetter, null, Cases.Role.Coder, "{\"html\": \"<p>changed</p>\"}", null, ApiProblems.PreconditionRequired),
    ];

    /// <summary>The case and letters the scenarios act on (idempotent: a second call changes nothing).</summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        var cases = services.GetRequiredService<CaseStore>();
        await cases.CreateAsync(new CaseEntity { CaseId = CaseId, PayerId = "87726", PayerName = "ACME", PatientControlNumber = "PCN-PROBLEMS" },
            new CaseChange("Opened", CaseStatus.Drafted, "test"));
        var letters = services.GetRequiredService<LetterStore>();
        await letters.CreateIfAbsentAsync(new LetterEntity { LetterId = PendingLetter, CaseId = CaseId, Type = "Appeal" }, "<p>x</p>");
        var (rejected, _) = await letters.CreateIfAbsentAsync(new LetterEntity { LetterId = RejectedLetter, CaseId = CaseId, Type = "Appeal" }, "<p>x</p>");
        if (rejected.StatusValue != LetterStatus.Rejected)
        {
            rejected.StatusValue = LetterStatus.Rejected;
            Assert.True(await letters.TryUpdateAsync(rejected));
        }
        var missing = JsonSerializer.Serialize(new[] { new MissingField("patient.memberId", "Medicare number (MBI)") }, MessageJson.Options);
        await letters.CreateIfAbsentAsync(new LetterEntity { LetterId = NeedsInputLetter, CaseId = CaseId, Type = "Appeal", MissingFieldsJson = missing }, "<p>x</p>");
    }

    /// <summary>The If-Match to send: the scenario's, or the letter's current ETag for <see cref="CurrentETag"/>.</summary>
    public static async Task<string?> IfMatchAsync(IServiceProvider services, ProblemScenario scenario) =>
        scenario.IfMatch == CurrentETag
            ? (await services.GetRequiredService<LetterStore>().GetAsync(scenario.Id!))!.ETag.ToString()
            : scenario.IfMatch;

    /// <summary>The answer is an RFC 9457 problem of the scenario's kind, with the members its kind promises.</summary>
    public static void AssertProblem(ProblemScenario scenario, int status, string? mediaType, JsonElement body)
    {
        var expected = scenario.Expected;
        Assert.Equal(expected.Status, status);
        Assert.Equal(ApiProblems.ContentType, mediaType);
        Assert.Equal(expected.Type, body.GetProperty("type").GetString());
        Assert.Equal(expected.Title, body.GetProperty("title").GetString());
        Assert.Equal(expected.Status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        if (expected == ApiProblems.Stale || expected == ApiProblems.InvalidState)
            Assert.Equal(scenario.Id, body.GetProperty("current").GetProperty("id").GetString());
        if (expected == ApiProblems.NeedsInput)
            Assert.Equal("patient.memberId", Assert.Single(body.GetProperty("missingFields").EnumerateArray()).GetProperty("path").GetString());
    }
}
