using System.Reflection;
using DenialPipeline.Api;
using DenialPipeline.Functions.Functions;
using DenialPipeline.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Functions.Tests;

/// <summary>
/// One API in two hosts: every route the local host maps (<see cref="ApiEndpoints.MapPipelineApi"/>, the source of the
/// OpenAPI document) carries the name of the Functions function declared for the same method and route.
/// </summary>
public sealed class EndpointNamesTests
{
    [Fact]
    public void EveryLocalEndpoint_IsNamed_AsTheFunctionOfItsRoute()
    {
        var functions = typeof(ApiFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
                .Where(a => a.Route?.StartsWith(ApiRoutes.Prefix, StringComparison.Ordinal) == true)
                .SelectMany(a => a.Methods!.Select(verb => (Method: verb.ToUpperInvariant(), Route: a.Route![ApiRoutes.Prefix.Length..], Name: m.GetCustomAttribute<FunctionAttribute>()!.Name))))
            .OrderBy(x => x.Method).ThenBy(x => x.Route).ToList();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddDenialPipeline(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build());
        using var app = builder.Build();
        app.MapPipelineApi();
        var local = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(verb =>
                (Method: verb, Route: e.RoutePattern.RawText!["/api/".Length..], Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(no name)")))
            .OrderBy(x => x.Method).ThenBy(x => x.Route).ToList();

        Assert.Equal(functions, local);
    }
}
