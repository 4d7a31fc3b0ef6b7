using DenialPipeline.Cases;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Functions.Tests;

/// <summary>
/// Roles on every HTTP function of the Functions app (issue 6: 401/403 on every endpoint, in both hosts): each API
/// function is called as App Service Authentication would pass the request on — nobody, each role — and must answer as
/// <see cref="ApiPolicy"/> says for its own trigger's method and route. A function that checked another route's rule
/// (or none) fails here.
/// </summary>
public sealed class FunctionRolesTests(FunctionsFixture f) : IClassFixture<FunctionsFixture>
{
    private sealed record HttpFunction(Type Class, MethodInfo Method, string HttpMethod, string Route);

    private static List<HttpFunction> ApiFunctions() =>
        typeof(IngestFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => (t, m)))
            .Where(x => x.m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(x => x.m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
                .Where(a => a.Route?.StartsWith(ApiRoutes.Prefix, StringComparison.Ordinal) == true)
                .SelectMany(a => a.Methods!.Select(verb => new HttpFunction(x.t, x.m, verb.ToUpperInvariant(), a.Route![ApiRoutes.Prefix.Length..]))))
            .ToList();

    [Fact]
    public void EveryAccessRule_HasAFunction_AndEveryFunctionARule()
    {
        var declared = ApiFunctions().Select(x => (x.HttpMethod, x.Route)).Order().ToList();
        Assert.Equal(ApiPolicy.Rules.Keys.Order().ToList(), declared);
    }

    [Fact]
    public async Task EveryApiFunction_AnswersByRole_401_403_OrRunsTheHandler()
    {
        var failures = new List<string>();
        var functions = ApiFunctions();
        Assert.True(functions.Count >= 20, $"only {functions.Count} API functions found");
        foreach (var fn in functions)
        {
            var allowed = ApiPolicy.For(fn.HttpMethod, fn.Route)!;
            foreach (var role in new Role?[] { null, Role.Coder, Role.Manager, Role.Admin, Role.Payer })
            {
                var status = await CallAsync(fn, role);
                var expected = allowed.Length == 0 ? status == 401 // the signed webhook: no key configured here, nothing is signed
                    : role is null ? status == 401
                    : allowed.Contains(role.Value) ? status is not (401 or 403) and < 500
                    : status == 403;
                if (!expected) failures.Add($"{fn.Method.Name} ({fn.HttpMethod} {fn.Route}) as {role?.ToString() ?? "(nobody)"}: {status}");
            }
        }
        Assert.Empty(failures);
    }

    private async Task<int> CallAsync(HttpFunction fn, Role? role)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = fn.HttpMethod;
        var body = Encoding.UTF8.GetBytes("{}");
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = "application/json";
        if (role is { } r)
        {
            var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles",
                claims = new[] { new { typ = "name", val = "alice@example.test" }, new { typ = "roles", val = r.ToString() }, new { typ = "oid", val = "oid-alice" } } });
            // As a Payer, alice is a registered payer identity (issue 18: an unregistered one gets 403 everywhere).
            await f.Services.GetRequiredService<DenialPipeline.Identities.PayerIdentityStore>().UpsertAsync(
                new() { ObjectId = "oid-alice", Payer = "alice-plan", PayerIds = ["87726"] });
            context.Request.Headers[Caller.PrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        }
        var instance = f.Create(fn.Class);
        var args = fn.Method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => (object?)context.Request,
            var t when t == typeof(CancellationToken) => CancellationToken.None,
            var t when t == typeof(string) && p.Name == "n" => "1",
            var t when t == typeof(string) => "none-such",
            var t => throw new InvalidOperationException($"{fn.Method.Name}: unexpected parameter {p.Name} of {t}"),
        }).ToArray();
        var result = fn.Method.Invoke(instance, args) switch
        {
            Task<IActionResult> task => await task,
            IActionResult sync => sync,
            var other => throw new InvalidOperationException($"{fn.Method.Name} returned {other?.GetType().Name}"),
        };
        return Assert.IsType<ApiResult>(result).Status;
    }
}
