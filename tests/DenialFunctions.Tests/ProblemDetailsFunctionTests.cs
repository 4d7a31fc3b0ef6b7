using System.Reflection;
using System.Text;
using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Functions.Functions;
using DenialPipeline.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace DenialPipeline.Functions.Tests;

/// <summary>
/// The Functions app answers every error class as an RFC 9457 problem, written by the same <see cref="ApiResult"/> as the
/// local host: each scenario of <see cref="ProblemScenarios"/> goes to the function declared for its method and route,
/// signed in as App Service Authentication passes the user on, and the answer is executed into a real response.
/// </summary>
public sealed class ProblemDetailsFunctionTests(FunctionsFixture f) : IClassFixture<FunctionsFixture>
{
    public static TheoryData<int> Scenarios() => [.. Enumerable.Range(0, ProblemScenarios.All.Count)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task EveryErrorClass_IsAProblemDetails_FromTheFunctionsApp(int index)
    {
        var scenario = ProblemScenarios.All[index];
        await ProblemScenarios.SeedAsync(f.Services);
        var (type, method) = FunctionFor(scenario.Method, scenario.Route);
        var context = Request(scenario, await ProblemScenarios.IfMatchAsync(f.Services, scenario));

        var result = method.Invoke(f.Create(type), Arguments(method, context, scenario)) switch
        {
            Task<IActionResult> task => await task,
            var other => throw new InvalidOperationException($"{method.Name} returned {other?.GetType().Name}"),
        };
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });

        context.Response.Body.Position = 0;
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        var mediaType = context.Response.ContentType?.Split(';')[0];
        ProblemScenarios.AssertProblem(scenario, context.Response.StatusCode, mediaType, body);
    }

    private static (Type Type, MethodInfo Method) FunctionFor(string httpMethod, string route) =>
        typeof(ApiFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (t, m)))
            .Single(x => x.m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
                .Any(a => a.Route == ApiRoutes.Prefix + route && a.Methods!.Contains(httpMethod, StringComparer.OrdinalIgnoreCase)));

    private static DefaultHttpContext Request(ProblemScenario scenario, string? ifMatch)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = scenario.Method;
        context.Request.QueryString = new QueryString(scenario.Query);
        context.Response.Body = new MemoryStream();
        var body = Encoding.UTF8.GetBytes(scenario.Body ?? "");
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        if (scenario.Body is not null) context.Request.ContentType = "application/json";
        if (ifMatch is not null) context.Request.Headers.IfMatch = ifMatch;
        // As the pages do: a state change without it, a bearer token or a JSON body is refused (CSRF, ApiGuards).
        context.Request.Headers[ApiGuards.CsrfHeader] = "XMLHttpRequest";
        if (scenario.Role is { } role)
        {
            var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles",
                claims = new[] { new { typ = "name", val = "alice@example.test" }, new { typ = "roles", val = role.ToString() } } });
            context.Request.Headers[Caller.PrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        }
        return context;
    }

    private static object?[] Arguments(MethodInfo method, DefaultHttpContext context, ProblemScenario scenario) =>
        method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => (object?)context.Request,
            var t when t == typeof(CancellationToken) => CancellationToken.None,
            var t when t == typeof(string) && p.Name == "id" => scenario.Id,
            var t => throw new InvalidOperationException($"{method.Name}: unexpected parameter {p.Name} of {t}"),
        }).ToArray();
}
