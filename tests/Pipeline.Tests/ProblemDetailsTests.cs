using DenialPipeline.Cases;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// The local host answers every error class as an RFC 9457 problem (application/problem+json) of the documented kind
/// (issue 20); DenialFunctions.Tests' ProblemDetailsFunctionTests sends the same scenarios to the Functions classes.
/// </summary>
public sealed class ProblemDetailsTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly Dictionary<Role, string> DevUserOf = new()
    {
        [Role.Coder] = "coder", [Role.Manager] = "manager", [Role.Admin] = "admin", [Role.Payer] = "payer-acme",
    };

    public static TheoryData<int> Scenarios() => [.. Enumerable.Range(0, ProblemScenarios.All.Count)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task EveryErrorClass_IsAProblemDetails_FromTheLocalHost(int index)
    {
        var scenario = ProblemScenarios.All[index];
        await ProblemScenarios.SeedAsync(pipeline.Services);
        var client = pipeline.ClientAs(scenario.Role is { } role ? DevUserOf[role] : null);
        using var request = new HttpRequestMessage(new HttpMethod(scenario.Method), scenario.Path);
        if (scenario.Body is not null) request.Content = new StringContent(scenario.Body, Encoding.UTF8, "application/json");
        if (await ProblemScenarios.IfMatchAsync(pipeline.Services, scenario) is { } ifMatch) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        ProblemScenarios.AssertProblem(scenario, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    [Fact]
    public async Task AnUnknownDevelopmentUser_SigningIn_GetsAProblem()
    {
        using var response = await pipeline.ClientAs(null).PostAsync("/dev/signin?user=nobody-here", null);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(ApiProblems.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ApiProblems.Unauthorized.Type, body.GetProperty("type").GetString());
    }
}
